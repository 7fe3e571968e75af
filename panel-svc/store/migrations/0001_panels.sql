-- Adoption panels and their central lists (panel-svc). Dates are ISO text
-- (YYYY-MM-DD), instants microseconds since the epoch, booleans 0/1.
CREATE TABLE panels (
  id VARCHAR(26) NOT NULL PRIMARY KEY,
  display_name VARCHAR(100) NOT NULL,
  local_authority_agency SMALLINT NOT NULL,
  version BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  created_by VARCHAR(255) NOT NULL,
  updated_by VARCHAR(255) NOT NULL
);

-- The central list, one row per member per panel version. Nothing is hard-deleted:
-- an update supersedes the rows of the previous version, and a member leaves the
-- list by becoming inactive.
CREATE TABLE panel_members (
  panel_id VARCHAR(26) NOT NULL,
  version BIGINT NOT NULL,
  position SMALLINT NOT NULL,
  member_id VARCHAR(26) NOT NULL,
  display_name VARCHAR(100) NOT NULL,
  member_role VARCHAR(32) NOT NULL,
  social_work_experience_years SMALLINT NOT NULL,
  active SMALLINT NOT NULL,
  last_training_date CHAR(10) NULL,
  last_appraisal_date CHAR(10) NULL,
  superseded_at BIGINT NULL,
  PRIMARY KEY (panel_id, version, position),
  FOREIGN KEY (panel_id) REFERENCES panels (id)
);

-- Each earlier version of a panel row, kept when it is updated.
CREATE TABLE panel_history (
  id VARCHAR(26) NOT NULL,
  version BIGINT NOT NULL,
  display_name VARCHAR(100) NOT NULL,
  local_authority_agency SMALLINT NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by VARCHAR(255) NOT NULL,
  PRIMARY KEY (id, version)
);
