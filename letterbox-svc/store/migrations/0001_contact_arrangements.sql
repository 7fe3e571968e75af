-- Contact arrangements, their parties and months of exchange (letterbox-svc).
-- Dates are ISO text (YYYY-MM-DD), instants microseconds since the epoch.
CREATE TABLE contact_arrangements (
  id VARCHAR(26) NOT NULL PRIMARY KEY,
  child VARCHAR(100) NOT NULL,
  child_date_of_birth CHAR(10) NULL,
  local_authority VARCHAR(9) NOT NULL,
  kind VARCHAR(16) NOT NULL,
  frequency VARCHAR(32) NOT NULL,
  two_way SMALLINT NOT NULL,
  start_date CHAR(10) NOT NULL,
  end_date CHAR(10) NULL,
  status VARCHAR(16) NOT NULL,
  status_reason VARCHAR(1000) NOT NULL,
  next_review_date CHAR(10) NULL,
  last_review_date CHAR(10) NULL,
  version BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  created_by VARCHAR(255) NOT NULL,
  updated_by VARCHAR(255) NOT NULL
);
CREATE INDEX contact_arrangements_status ON contact_arrangements (status, id);
CREATE INDEX contact_arrangements_child ON contact_arrangements (child, id);
CREATE INDEX contact_arrangements_la ON contact_arrangements (local_authority, id);
-- Reviews due: the coordinator's prompt list.
CREATE INDEX contact_arrangements_review ON contact_arrangements (next_review_date, id);

-- Nothing is hard-deleted: a change supersedes the party and month rows of the
-- previous version rather than removing them. party_id is stable across versions.
CREATE TABLE contact_arrangement_parties (
  arrangement_id VARCHAR(26) NOT NULL,
  version BIGINT NOT NULL,
  position SMALLINT NOT NULL,
  party_id VARCHAR(26) NOT NULL,
  role VARCHAR(32) NOT NULL,
  display_name VARCHAR(100) NOT NULL,
  account VARCHAR(255) NOT NULL,
  superseded_at BIGINT NULL,
  PRIMARY KEY (arrangement_id, version, position),
  FOREIGN KEY (arrangement_id) REFERENCES contact_arrangements (id)
);

CREATE TABLE contact_arrangement_months (
  arrangement_id VARCHAR(26) NOT NULL,
  version BIGINT NOT NULL,
  position SMALLINT NOT NULL,
  month SMALLINT NOT NULL,
  superseded_at BIGINT NULL,
  PRIMARY KEY (arrangement_id, version, position),
  FOREIGN KEY (arrangement_id) REFERENCES contact_arrangements (id)
);

-- Each earlier version of an arrangement row, kept when it is updated.
CREATE TABLE contact_arrangement_history (
  id VARCHAR(26) NOT NULL,
  version BIGINT NOT NULL,
  child VARCHAR(100) NOT NULL,
  child_date_of_birth CHAR(10) NULL,
  local_authority VARCHAR(9) NOT NULL,
  kind VARCHAR(16) NOT NULL,
  frequency VARCHAR(32) NOT NULL,
  two_way SMALLINT NOT NULL,
  start_date CHAR(10) NOT NULL,
  end_date CHAR(10) NULL,
  status VARCHAR(16) NOT NULL,
  status_reason VARCHAR(1000) NOT NULL,
  next_review_date CHAR(10) NULL,
  last_review_date CHAR(10) NULL,
  updated_at BIGINT NOT NULL,
  updated_by VARCHAR(255) NOT NULL,
  PRIMARY KEY (id, version)
);
