-- Adoption Support Fund applications (support-svc): one child, one service, one
-- financial year. The child and the family are the agency's opaque references; no
-- name, address or date of birth is held. Money in pence.
CREATE TABLE asf_applications (
  id VARCHAR(26) NOT NULL PRIMARY KEY,
  child_reference VARCHAR(32) NOT NULL,
  family_reference VARCHAR(32) NOT NULL,
  child_category VARCHAR(32) NOT NULL,
  child_age_years SMALLINT NOT NULL,
  education_health_care_plan SMALLINT NOT NULL,
  local_authority VARCHAR(9) NOT NULL,
  assessment_of_need VARCHAR(26) NOT NULL,
  service_type VARCHAR(48) NOT NULL,
  provider VARCHAR(200) NOT NULL,
  cost_pence BIGINT NOT NULL,
  financial_year CHAR(7) NOT NULL,
  status VARCHAR(16) NOT NULL,
  submitted_date CHAR(10) NULL,
  decision_due_date CHAR(10) NULL,
  decision_date CHAR(10) NULL,
  delivery_start_date CHAR(10) NULL,
  completed_date CHAR(10) NULL,
  fund_pence BIGINT NOT NULL,
  match_pence BIGINT NOT NULL,
  decline_reason VARCHAR(500) NOT NULL,
  version BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  created_by VARCHAR(255) NOT NULL,
  updated_by VARCHAR(255) NOT NULL
);
-- Lists run in creation order (id); the fair access check reads one child's year.
CREATE INDEX asf_applications_child_year ON asf_applications (child_reference, financial_year);
CREATE INDEX asf_applications_year ON asf_applications (financial_year, id);
CREATE INDEX asf_applications_la ON asf_applications (local_authority, id);

-- Each earlier version of an application row, kept when it changes.
CREATE TABLE asf_application_history (
  id VARCHAR(26) NOT NULL,
  version BIGINT NOT NULL,
  child_reference VARCHAR(32) NOT NULL,
  family_reference VARCHAR(32) NOT NULL,
  child_category VARCHAR(32) NOT NULL,
  child_age_years SMALLINT NOT NULL,
  education_health_care_plan SMALLINT NOT NULL,
  local_authority VARCHAR(9) NOT NULL,
  assessment_of_need VARCHAR(26) NOT NULL,
  service_type VARCHAR(48) NOT NULL,
  provider VARCHAR(200) NOT NULL,
  cost_pence BIGINT NOT NULL,
  financial_year CHAR(7) NOT NULL,
  status VARCHAR(16) NOT NULL,
  submitted_date CHAR(10) NULL,
  decision_due_date CHAR(10) NULL,
  decision_date CHAR(10) NULL,
  delivery_start_date CHAR(10) NULL,
  completed_date CHAR(10) NULL,
  fund_pence BIGINT NOT NULL,
  match_pence BIGINT NOT NULL,
  decline_reason VARCHAR(500) NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by VARCHAR(255) NOT NULL,
  PRIMARY KEY (id, version)
);

-- One row per child and financial year, written first by every change that judges
-- the child's limits, so that two such changes for one child take turns.
CREATE TABLE asf_child_years (
  child_reference VARCHAR(32) NOT NULL,
  financial_year CHAR(7) NOT NULL,
  changes BIGINT NOT NULL,
  PRIMARY KEY (child_reference, financial_year)
);
