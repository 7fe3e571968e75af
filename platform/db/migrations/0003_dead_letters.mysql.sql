-- Events a consumer set aside after they kept failing to apply (docs/operations.md,
-- "Event logs"): its cursor moved past each; an operator replays or skips it.
-- `record` is the EventRecord as read, serialized and base64-encoded.
CREATE TABLE consumer_dead_letters (
  upstream VARCHAR(64) NOT NULL,
  sequence BIGINT NOT NULL,
  event_id VARCHAR(26) NOT NULL,
  type VARCHAR(128) NOT NULL,
  record LONGTEXT NOT NULL,
  error TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  dead_lettered_at BIGINT NOT NULL,
  state VARCHAR(16) NOT NULL,
  resolved_at BIGINT NULL,
  resolved_by VARCHAR(255) NULL,
  reason TEXT NULL,
  PRIMARY KEY (upstream, sequence)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX consumer_dead_letters_state ON consumer_dead_letters (state, upstream, sequence);
