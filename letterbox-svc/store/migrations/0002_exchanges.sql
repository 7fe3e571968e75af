-- Exchanges: items sent through the agency under a contact arrangement, with every
-- version of their content kept as it was (letterbox-svc; docs/letterbox.md).
-- Dates are ISO text (YYYY-MM-DD), instants microseconds since the epoch. Flags and
-- redactions are JSON arrays of {kind, start, end, text, reason} in code points.
CREATE TABLE exchanges (
  id VARCHAR(26) NOT NULL PRIMARY KEY,
  arrangement_id VARCHAR(26) NOT NULL,
  sender VARCHAR(26) NOT NULL,
  recipient VARCHAR(26) NOT NULL,
  item_kind VARCHAR(16) NOT NULL,
  status VARCHAR(32) NOT NULL,
  due_date CHAR(10) NULL,
  received_date CHAR(10) NOT NULL,
  flags MEDIUMTEXT NOT NULL,
  redactions MEDIUMTEXT NOT NULL,
  return_note VARCHAR(2000) NOT NULL,
  withheld_reason VARCHAR(32) NULL,
  withheld_note VARCHAR(2000) NOT NULL,
  review_started_date CHAR(10) NULL,
  approved_date CHAR(10) NULL,
  forwarded_date CHAR(10) NULL,
  read_date CHAR(10) NULL,
  version BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  created_by VARCHAR(255) NOT NULL,
  updated_by VARCHAR(255) NOT NULL,
  FOREIGN KEY (arrangement_id) REFERENCES contact_arrangements (id)
);
CREATE INDEX exchanges_arrangement ON exchanges (arrangement_id, id);
-- The coordinator's review queue.
CREATE INDEX exchanges_status ON exchanges (status, id);

-- Each earlier version of an exchange row, kept when a verb changes it.
CREATE TABLE exchange_history (
  id VARCHAR(26) NOT NULL,
  version BIGINT NOT NULL,
  status VARCHAR(32) NOT NULL,
  flags MEDIUMTEXT NOT NULL,
  redactions MEDIUMTEXT NOT NULL,
  return_note VARCHAR(2000) NOT NULL,
  withheld_reason VARCHAR(32) NULL,
  withheld_note VARCHAR(2000) NOT NULL,
  review_started_date CHAR(10) NULL,
  approved_date CHAR(10) NULL,
  forwarded_date CHAR(10) NULL,
  read_date CHAR(10) NULL,
  updated_at BIGINT NOT NULL,
  updated_by VARCHAR(255) NOT NULL,
  PRIMARY KEY (id, version)
);

-- The content of each version: written once, never updated.
CREATE TABLE exchange_versions (
  exchange_id VARCHAR(26) NOT NULL,
  number INTEGER NOT NULL,
  origin VARCHAR(16) NOT NULL,
  content MEDIUMTEXT NOT NULL,
  content_sha256 CHAR(64) NOT NULL,
  recorded_at BIGINT NOT NULL,
  recorded_by VARCHAR(255) NOT NULL,
  PRIMARY KEY (exchange_id, number),
  FOREIGN KEY (exchange_id) REFERENCES exchanges (id)
);

-- The files of each version, by their hash: a redacted version keeps the files of
-- the version it redacts without a second copy.
CREATE TABLE exchange_attachments (
  exchange_id VARCHAR(26) NOT NULL,
  version_number INTEGER NOT NULL,
  position SMALLINT NOT NULL,
  media_type VARCHAR(64) NOT NULL,
  description VARCHAR(500) NOT NULL,
  sha256 CHAR(64) NOT NULL,
  size_bytes BIGINT NOT NULL,
  PRIMARY KEY (exchange_id, version_number, position),
  FOREIGN KEY (exchange_id) REFERENCES exchanges (id)
);

-- The files themselves, base64 (the same text on both backends), one row a hash.
CREATE TABLE exchange_files (
  sha256 CHAR(64) NOT NULL PRIMARY KEY,
  size_bytes BIGINT NOT NULL,
  data LONGTEXT NOT NULL,
  created_at BIGINT NOT NULL
);

-- What the agency knows of each party's side (surname, address, school ...), by
-- arrangement version like the parties: the flagging's strongest signal.
CREATE TABLE contact_arrangement_party_details (
  arrangement_id VARCHAR(26) NOT NULL,
  version BIGINT NOT NULL,
  party_position SMALLINT NOT NULL,
  position SMALLINT NOT NULL,
  kind VARCHAR(32) NOT NULL,
  text VARCHAR(200) NOT NULL,
  superseded_at BIGINT NULL,
  PRIMARY KEY (arrangement_id, version, party_position, position),
  FOREIGN KEY (arrangement_id) REFERENCES contact_arrangements (id)
);
