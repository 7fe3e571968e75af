-- The id of the event at a consumer's cursor: each poll checks that the upstream's log
-- still has it there (a log restored from an older backup, or reset, does not).
ALTER TABLE consumer_cursors ADD COLUMN event_id VARCHAR(26) NULL;

-- Each time an operator accepted an upstream's log as it now is (a restore or a reset):
-- where the consumer stood, where it went on from, why, who and when.
CREATE TABLE consumer_rebaselines (
  rebaseline_pk INTEGER PRIMARY KEY AUTOINCREMENT,
  upstream VARCHAR(64) NOT NULL,
  from_sequence BIGINT NOT NULL,
  to_sequence BIGINT NOT NULL,
  reason TEXT NOT NULL,
  rebaselined_by VARCHAR(255) NOT NULL,
  rebaselined_at BIGINT NOT NULL
);

-- What a re-baseline to an earlier sequence moved aside: the consumer's inbox rows and
-- dead letters for the sequences after it, which the upstream's log as it now is
-- reuses. Kept, tied to their re-baseline by upstream and superseded_at (its
-- rebaselined_at).
CREATE TABLE consumer_inbox_superseded (
  upstream VARCHAR(64) NOT NULL,
  sequence BIGINT NOT NULL,
  event_id VARCHAR(26) NOT NULL,
  type VARCHAR(128) NOT NULL,
  applied_at BIGINT NOT NULL,
  superseded_at BIGINT NOT NULL
);
CREATE INDEX consumer_inbox_superseded_at ON consumer_inbox_superseded (upstream, superseded_at);
CREATE TABLE consumer_dead_letters_superseded (
  upstream VARCHAR(64) NOT NULL,
  sequence BIGINT NOT NULL,
  event_id VARCHAR(26) NOT NULL,
  type VARCHAR(128) NOT NULL,
  record TEXT NOT NULL,
  error TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  dead_lettered_at BIGINT NOT NULL,
  state VARCHAR(16) NOT NULL,
  resolved_at BIGINT NULL,
  resolved_by VARCHAR(255) NULL,
  reason TEXT NULL,
  superseded_at BIGINT NOT NULL
);
