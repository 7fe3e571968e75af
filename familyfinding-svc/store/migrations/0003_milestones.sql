-- A child's journey as dated milestones (familyfinding-svc, docs/domain.md §2). A
-- milestone is never changed or removed: the journey is the child's history and the
-- reports' source. The children's milestone date columns are where the journey
-- leaves them.
CREATE TABLE child_milestones (
  child_id VARCHAR(26) NOT NULL,
  position INTEGER NOT NULL,
  kind VARCHAR(32) NOT NULL,
  milestone_date CHAR(10) NOT NULL,
  household_id VARCHAR(26) NULL,
  provider VARCHAR(32) NOT NULL,
  early_permanence SMALLINT NOT NULL,
  foster_carer_adoption SMALLINT NOT NULL,
  reason VARCHAR(1000) NOT NULL,
  origin VARCHAR(16) NOT NULL,
  recorded_at BIGINT NOT NULL,
  recorded_by VARCHAR(255) NOT NULL,
  PRIMARY KEY (child_id, position),
  FOREIGN KEY (child_id) REFERENCES children (id)
);
-- The reports find their cohorts by a milestone in a period (adopted in a year).
CREATE INDEX child_milestones_kind ON child_milestones (kind, milestone_date, child_id);

-- The old system's id of an imported child, set once.
ALTER TABLE children ADD COLUMN source_id VARCHAR(64) NULL;
CREATE UNIQUE INDEX children_source ON children (source_id);

-- Partner agencies' households offered to us sit beside the agency's own.
ALTER TABLE household_profiles ADD COLUMN provider VARCHAR(32) NOT NULL DEFAULT 'IN_HOUSE';
ALTER TABLE household_profiles ADD COLUMN agency VARCHAR(200) NOT NULL DEFAULT '';
ALTER TABLE household_profiles ADD COLUMN source_id VARCHAR(64) NULL;
CREATE UNIQUE INDEX household_profiles_source ON household_profiles (source_id);
