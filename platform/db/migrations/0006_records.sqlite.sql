-- Records for their whole lifetime (docs/records.md; RecordsService). A legal hold keeps
-- a record from disposal while it stands; a release is recorded on the hold, which
-- stays. A disposal is the tombstone of an erased record: the manager's decision, the
-- rule it was kept under; written once, never changed (the runtime user may only add).
CREATE TABLE legal_holds (
  id VARCHAR(26) NOT NULL PRIMARY KEY,
  record_type VARCHAR(64) NOT NULL,
  record_id VARCHAR(64) NOT NULL,
  reason TEXT NOT NULL,
  placed_by VARCHAR(255) NOT NULL,
  placed_at BIGINT NOT NULL,
  released_by VARCHAR(255) NULL,
  released_at BIGINT NULL,
  release_reason TEXT NULL
);
CREATE INDEX legal_holds_record ON legal_holds (record_type, record_id);

CREATE TABLE record_disposals (
  id VARCHAR(26) NOT NULL PRIMARY KEY,
  record_type VARCHAR(64) NOT NULL,
  record_id VARCHAR(64) NOT NULL,
  decision TEXT NOT NULL,
  retain_until CHAR(10) NOT NULL,
  basis TEXT NOT NULL,
  disposed_by VARCHAR(255) NOT NULL,
  disposed_at BIGINT NOT NULL,
  UNIQUE (record_type, record_id)
);
