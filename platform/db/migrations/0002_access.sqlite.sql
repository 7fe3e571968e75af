-- Refused calls are counted, and audited at a bounded rate: a row records how many
-- refusals of its kind went unwritten before it.
ALTER TABLE audit_log ADD COLUMN unwritten_before BIGINT NOT NULL DEFAULT 0;

-- Idempotent creates keyed per caller, with a hash of the request so that a different
-- request under a used key is refused rather than answered with another's record.
-- (idempotency_keys, keyed on method and request id alone, is no longer read.)
CREATE TABLE create_requests (
  method VARCHAR(128) NOT NULL,
  caller VARCHAR(255) NOT NULL,
  request_id VARCHAR(128) NOT NULL,
  request_hash CHAR(64) NOT NULL,
  resource_id VARCHAR(64) NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (method, caller, request_id)
);
CREATE INDEX create_requests_created ON create_requests (created_at);
