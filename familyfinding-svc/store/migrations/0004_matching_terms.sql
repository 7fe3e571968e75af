-- The terms each household was approved on (panel-svc's AdopterApproved), the matching
-- search's hard filters, and whether a match has been agreed since. A partner's
-- household imported without terms has terms_recorded 0.
ALTER TABLE household_profiles ADD COLUMN terms_recorded SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE household_profiles ADD COLUMN min_children SMALLINT NOT NULL DEFAULT 1;
ALTER TABLE household_profiles ADD COLUMN max_children SMALLINT NOT NULL DEFAULT 1;
ALTER TABLE household_profiles ADD COLUMN min_age_years SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE household_profiles ADD COLUMN max_age_years SMALLINT NOT NULL DEFAULT 17;
ALTER TABLE household_profiles ADD COLUMN sibling_groups SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE household_profiles ADD COLUMN disability_acceptable SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE household_profiles ADD COLUMN dual_approval SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE household_profiles ADD COLUMN ethnicities VARCHAR(1000) NOT NULL DEFAULT '';
ALTER TABLE household_profiles ADD COLUMN approval_date CHAR(10) NULL;
ALTER TABLE household_profiles ADD COLUMN matched SMALLINT NOT NULL DEFAULT 0;
-- The search reads the approved, unmatched households.
CREATE INDEX household_profiles_available ON household_profiles (approved, matched);
