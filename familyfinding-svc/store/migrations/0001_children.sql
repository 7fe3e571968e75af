-- Children with a possible adoption plan (familyfinding-svc). Dates are ISO text
-- (YYYY-MM-DD), NULL when not (yet) known; instants are microseconds since the
-- epoch; booleans are 0/1.
CREATE TABLE children (
  id VARCHAR(26) NOT NULL PRIMARY KEY,
  given_name VARCHAR(100) NOT NULL,
  family_name VARCHAR(100) NOT NULL,
  local_authority VARCHAR(9) NOT NULL,
  date_of_birth CHAR(10) NULL,
  sex VARCHAR(16) NOT NULL,
  ethnicity VARCHAR(64) NOT NULL,
  disability SMALLINT NOT NULL,
  health_and_development_needs TEXT NOT NULL,
  sibling_group VARCHAR(64) NOT NULL,
  sibling_placement VARCHAR(32) NULL,
  legal_status VARCHAR(48) NOT NULL,
  early_permanence SMALLINT NOT NULL,
  status VARCHAR(48) NOT NULL,
  status_reason VARCHAR(1000) NOT NULL,
  entered_care_date CHAR(10) NULL,
  should_be_placed_decision_date CHAR(10) NULL,
  placement_order_date CHAR(10) NULL,
  match_date CHAR(10) NULL,
  placed_date CHAR(10) NULL,
  early_permanence_placed_date CHAR(10) NULL,
  adoption_application_date CHAR(10) NULL,
  adoption_order_date CHAR(10) NULL,
  household_id VARCHAR(26) NULL,
  version BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  created_by VARCHAR(255) NOT NULL,
  updated_by VARCHAR(255) NOT NULL
);
CREATE INDEX children_la ON children (local_authority, id);
CREATE INDEX children_status ON children (status, id);
CREATE INDEX children_legal_status ON children (legal_status, id);

-- Nothing is hard-deleted: each earlier version of a child's row is kept here when
-- it is updated (corrections are new versions).
CREATE TABLE child_history (
  id VARCHAR(26) NOT NULL,
  given_name VARCHAR(100) NOT NULL,
  family_name VARCHAR(100) NOT NULL,
  local_authority VARCHAR(9) NOT NULL,
  date_of_birth CHAR(10) NULL,
  sex VARCHAR(16) NOT NULL,
  ethnicity VARCHAR(64) NOT NULL,
  disability SMALLINT NOT NULL,
  health_and_development_needs TEXT NOT NULL,
  sibling_group VARCHAR(64) NOT NULL,
  sibling_placement VARCHAR(32) NULL,
  legal_status VARCHAR(48) NOT NULL,
  early_permanence SMALLINT NOT NULL,
  status VARCHAR(48) NOT NULL,
  status_reason VARCHAR(1000) NOT NULL,
  entered_care_date CHAR(10) NULL,
  should_be_placed_decision_date CHAR(10) NULL,
  placement_order_date CHAR(10) NULL,
  match_date CHAR(10) NULL,
  placed_date CHAR(10) NULL,
  early_permanence_placed_date CHAR(10) NULL,
  adoption_application_date CHAR(10) NULL,
  adoption_order_date CHAR(10) NULL,
  household_id VARCHAR(26) NULL,
  version BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  created_by VARCHAR(255) NOT NULL,
  updated_by VARCHAR(255) NOT NULL,
  PRIMARY KEY (id, version)
);
