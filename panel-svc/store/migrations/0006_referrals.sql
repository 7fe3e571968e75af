-- Households recruitment-svc referred to panel (its HouseholdReferredToPanel events):
-- one row per household, the latest referral; source_sequence is the event applied.
CREATE TABLE panel_referrals (
  id VARCHAR(26) NOT NULL PRIMARY KEY,
  referral_date CHAR(10) NOT NULL,
  dual_approval_sought SMALLINT NOT NULL,
  source_sequence BIGINT NOT NULL,
  recorded_at BIGINT NOT NULL
);
CREATE INDEX panel_referrals_date ON panel_referrals (referral_date, id);
