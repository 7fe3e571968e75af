-- Households and their applicants (recruitment-svc). Dates are ISO text
-- (YYYY-MM-DD), instants microseconds since the epoch.
CREATE TABLE households (
  id VARCHAR(26) NOT NULL PRIMARY KEY,
  family_structure VARCHAR(32) NOT NULL,
  home_local_authority VARCHAR(9) NOT NULL,
  enquiry_date CHAR(10) NOT NULL,
  status VARCHAR(32) NOT NULL,
  second_time_adopters SMALLINT NOT NULL,
  foster_carers SMALLINT NOT NULL,
  connected_persons SMALLINT NOT NULL,
  early_permanence_interest SMALLINT NOT NULL,
  version BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  created_by VARCHAR(255) NOT NULL,
  updated_by VARCHAR(255) NOT NULL
);
CREATE INDEX households_status ON households (status, id);
CREATE INDEX households_la ON households (home_local_authority, id);

-- Nothing is hard-deleted: a correction supersedes the applicant rows of the
-- previous version rather than removing them.
CREATE TABLE household_applicants (
  household_id VARCHAR(26) NOT NULL,
  version BIGINT NOT NULL,
  position SMALLINT NOT NULL,
  given_name VARCHAR(100) NOT NULL,
  family_name VARCHAR(100) NOT NULL,
  date_of_birth CHAR(10) NULL,
  ethnicity VARCHAR(64) NOT NULL,
  superseded_at BIGINT NULL,
  PRIMARY KEY (household_id, version, position),
  FOREIGN KEY (household_id) REFERENCES households (id)
);

-- Each earlier version of a household row, kept when it is updated.
CREATE TABLE household_history (
  id VARCHAR(26) NOT NULL,
  version BIGINT NOT NULL,
  family_structure VARCHAR(32) NOT NULL,
  home_local_authority VARCHAR(9) NOT NULL,
  enquiry_date CHAR(10) NOT NULL,
  status VARCHAR(32) NOT NULL,
  second_time_adopters SMALLINT NOT NULL,
  foster_carers SMALLINT NOT NULL,
  connected_persons SMALLINT NOT NULL,
  early_permanence_interest SMALLINT NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by VARCHAR(255) NOT NULL,
  PRIMARY KEY (id, version)
);
