-- Family-finding referrals (docs/domain.md §2 "Referrals"): one open per child at a
-- time. Activities are their names, comma-separated. A change keeps the version before.
CREATE TABLE family_finding_referrals (
  id VARCHAR(26) NOT NULL PRIMARY KEY,
  child_id VARCHAR(26) NOT NULL,
  referral_date CHAR(10) NOT NULL,
  referring_social_worker VARCHAR(100) NOT NULL,
  family_finder VARCHAR(255) NOT NULL,
  activities VARCHAR(255) NOT NULL,
  next_plan_review_date CHAR(10) NULL,
  outcome VARCHAR(32) NOT NULL,
  closed_date CHAR(10) NULL,
  closed_reason TEXT NOT NULL,
  version BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  created_by VARCHAR(255) NOT NULL,
  updated_by VARCHAR(255) NOT NULL,
  FOREIGN KEY (child_id) REFERENCES children (id)
);
CREATE INDEX family_finding_referrals_child ON family_finding_referrals (child_id, outcome);

CREATE TABLE family_finding_referral_history (
  id VARCHAR(26) NOT NULL,
  version BIGINT NOT NULL,
  referring_social_worker VARCHAR(100) NOT NULL,
  family_finder VARCHAR(255) NOT NULL,
  activities VARCHAR(255) NOT NULL,
  next_plan_review_date CHAR(10) NULL,
  outcome VARCHAR(32) NOT NULL,
  closed_date CHAR(10) NULL,
  closed_reason TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by VARCHAR(255) NOT NULL,
  PRIMARY KEY (id, version)
);
