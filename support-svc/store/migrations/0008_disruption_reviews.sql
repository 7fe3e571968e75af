-- Disruption reviews (support-svc): one per disrupted placement of an adoptive family,
-- made due by family finding's PlacementDisrupted. findings and recommendations are free
-- text that may hold personal data.
CREATE TABLE disruption_reviews (
  id VARCHAR(26) NOT NULL PRIMARY KEY,
  family VARCHAR(26) NOT NULL,
  child VARCHAR(26) NOT NULL,
  household VARCHAR(26) NOT NULL,
  local_authority VARCHAR(9) NOT NULL,
  disruption_date CHAR(10) NOT NULL,
  after_order SMALLINT NOT NULL,
  status VARCHAR(16) NOT NULL,
  scheduled_date CHAR(10) NULL,
  held_date CHAR(10) NULL,
  chair VARCHAR(100) NOT NULL,
  findings TEXT NOT NULL,
  recommendations TEXT NOT NULL,
  version BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  created_by VARCHAR(255) NOT NULL,
  updated_by VARCHAR(255) NOT NULL
);
CREATE UNIQUE INDEX disruption_reviews_family ON disruption_reviews (family);
CREATE INDEX disruption_reviews_la ON disruption_reviews (local_authority, id);
CREATE INDEX disruption_reviews_status ON disruption_reviews (status, id);

-- Each earlier version of a review row, kept when it changes.
CREATE TABLE disruption_review_history (
  id VARCHAR(26) NOT NULL,
  version BIGINT NOT NULL,
  status VARCHAR(16) NOT NULL,
  scheduled_date CHAR(10) NULL,
  held_date CHAR(10) NULL,
  chair VARCHAR(100) NOT NULL,
  findings TEXT NOT NULL,
  recommendations TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by VARCHAR(255) NOT NULL,
  PRIMARY KEY (id, version)
);
