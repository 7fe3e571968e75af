-- The earliest due date of a household's running clocks (recruitment-svc/domain/clocks.h),
-- set whenever the household is saved: lists of overdue households filter on it.
ALTER TABLE households ADD COLUMN next_due CHAR(10) NULL;
ALTER TABLE household_history ADD COLUMN next_due CHAR(10) NULL;
CREATE INDEX households_next_due ON households (next_due, id);

-- The terms the ADM approved a household on (panel-svc's AdopterApproved), one row per
-- approval: a review that approves again on new terms adds a row, the last is in force.
CREATE TABLE household_approvals (
  household_id VARCHAR(26) NOT NULL,
  position INTEGER NOT NULL,
  decision_date CHAR(10) NOT NULL,
  max_children SMALLINT NOT NULL,
  min_age_years SMALLINT NOT NULL,
  max_age_years SMALLINT NOT NULL,
  dual_approval SMALLINT NOT NULL,
  recorded_at BIGINT NOT NULL,
  PRIMARY KEY (household_id, position),
  FOREIGN KEY (household_id) REFERENCES households (id)
);
