-- The adopter journey (recruitment-svc): each household's route, every dated step
-- it takes, kept in order. A step is never changed or removed: the journey is the
-- household's history and the reports' source.
ALTER TABLE households ADD COLUMN route VARCHAR(32) NOT NULL DEFAULT 'STANDARD';
ALTER TABLE households ADD COLUMN dual_approval_sought SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE household_history ADD COLUMN route VARCHAR(32) NOT NULL DEFAULT 'STANDARD';
ALTER TABLE household_history ADD COLUMN dual_approval_sought SMALLINT NOT NULL DEFAULT 0;

CREATE TABLE household_journey (
  household_id VARCHAR(26) NOT NULL,
  position INTEGER NOT NULL,
  event VARCHAR(32) NOT NULL,
  effective_date CHAR(10) NOT NULL,
  from_status VARCHAR(32) NOT NULL,
  to_status VARCHAR(32) NOT NULL,
  reason VARCHAR(500) NOT NULL,
  recorded_at BIGINT NOT NULL,
  recorded_by VARCHAR(255) NOT NULL,
  PRIMARY KEY (household_id, position),
  FOREIGN KEY (household_id) REFERENCES households (id)
);
CREATE INDEX household_journey_event ON household_journey (event, effective_date);

-- Stage 1 checks as recorded. Recording one again supersedes the row it replaces:
-- nothing is hard-deleted, and what a check said when is kept.
CREATE TABLE household_stage_one_checks (
  household_id VARCHAR(26) NOT NULL,
  kind VARCHAR(32) NOT NULL,
  applicant SMALLINT NOT NULL,
  ordinal SMALLINT NOT NULL,
  requested_date CHAR(10) NULL,
  received_date CHAR(10) NULL,
  outcome VARCHAR(32) NOT NULL,
  notes TEXT NOT NULL,
  recorded_at BIGINT NOT NULL,
  recorded_by VARCHAR(255) NOT NULL,
  superseded_at BIGINT NULL,
  FOREIGN KEY (household_id) REFERENCES households (id)
);
CREATE INDEX household_stage_one_checks_current ON household_stage_one_checks (household_id, superseded_at);
