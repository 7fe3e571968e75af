-- Tables every service has (architecture.md): audit log, outbox/event log,
-- idempotency keys for Create requests, consumer cursors.
CREATE TABLE audit_log (
  audit_pk INTEGER PRIMARY KEY AUTOINCREMENT,
  occurred_at BIGINT NOT NULL,
  actor VARCHAR(255) NOT NULL,
  actor_roles VARCHAR(512) NOT NULL,
  action VARCHAR(128) NOT NULL,
  resource_type VARCHAR(64) NOT NULL,
  resource_id VARCHAR(64) NOT NULL,
  outcome VARCHAR(32) NOT NULL,
  request_id VARCHAR(64) NOT NULL
);
CREATE INDEX audit_log_resource ON audit_log (resource_type, resource_id);

-- Debezium outbox-router columns (id, aggregatetype, aggregateid, type, payload as
-- the event's protobuf JSON)
-- plus the gap-free sequence the sequencer assigns once the row is committed.
CREATE TABLE outbox (
  outbox_pk INTEGER PRIMARY KEY AUTOINCREMENT,
  id VARCHAR(26) NOT NULL UNIQUE,
  aggregatetype VARCHAR(64) NOT NULL,
  aggregateid VARCHAR(64) NOT NULL,
  type VARCHAR(128) NOT NULL,
  payload TEXT NOT NULL,
  request_id VARCHAR(64) NOT NULL,
  recorded_at BIGINT NOT NULL,
  sequence BIGINT NULL UNIQUE
);
CREATE INDEX outbox_unsequenced ON outbox (sequence, outbox_pk);

-- One row: the sequencer's lock and the last sequence given.
CREATE TABLE event_sequencer (
  id INTEGER PRIMARY KEY,
  last_sequence BIGINT NOT NULL
);
INSERT INTO event_sequencer (id, last_sequence) VALUES (1, 0);

CREATE TABLE idempotency_keys (
  method VARCHAR(128) NOT NULL,
  request_id VARCHAR(128) NOT NULL,
  resource_id VARCHAR(64) NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (method, request_id)
);

CREATE TABLE consumer_cursors (
  upstream VARCHAR(64) NOT NULL PRIMARY KEY,
  sequence BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

-- Every upstream event a consumer applied, in the order applied: the unique key
-- is a second guard against applying one twice, and the table shows what was
-- applied when (the inbox of the outbox/inbox pattern).
CREATE TABLE consumer_inbox (
  inbox_pk INTEGER PRIMARY KEY AUTOINCREMENT,
  upstream VARCHAR(64) NOT NULL,
  sequence BIGINT NOT NULL,
  event_id VARCHAR(26) NOT NULL,
  type VARCHAR(128) NOT NULL,
  applied_at BIGINT NOT NULL,
  UNIQUE (upstream, sequence)
);
