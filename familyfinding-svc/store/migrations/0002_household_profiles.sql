-- The read model of recruitment-svc's households, fed by its event log. id is the
-- household's id in recruitment-svc; source_sequence the position in recruitment's
-- log of the last event applied to the row.
CREATE TABLE household_profiles (
  id VARCHAR(26) NOT NULL PRIMARY KEY,
  household VARCHAR(64) NOT NULL,
  home_local_authority VARCHAR(9) NOT NULL,
  family_structure VARCHAR(48) NOT NULL,
  enquiry_date CHAR(10) NOT NULL,
  early_permanence_interest SMALLINT NOT NULL,
  approved SMALLINT NOT NULL,
  source_sequence BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX household_profiles_enquiry ON household_profiles (enquiry_date, id);
CREATE INDEX household_profiles_la ON household_profiles (home_local_authority, enquiry_date, id);
