-- Complaints and compliments (support-svc). summary and the stages' responses are free
-- text that may hold personal data. A complaint's stages are one JSON list read and
-- written whole with the row; stage_due_date repeats the current stage's due day for the
-- "response overdue" list.
CREATE TABLE feedback (
  id VARCHAR(26) NOT NULL PRIMARY KEY,
  kind VARCHAR(16) NOT NULL,
  from_kind VARCHAR(32) NOT NULL,
  received_date CHAR(10) NOT NULL,
  summary VARCHAR(4000) NOT NULL,
  local_authority VARCHAR(9) NOT NULL,
  status VARCHAR(16) NOT NULL,
  stages TEXT NOT NULL,
  stage_due_date CHAR(10) NULL,
  closed_date CHAR(10) NULL,
  version BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  created_by VARCHAR(255) NOT NULL,
  updated_by VARCHAR(255) NOT NULL
);
CREATE INDEX feedback_la ON feedback (local_authority, id);
CREATE INDEX feedback_status ON feedback (status, stage_due_date, id);

-- Each earlier version of a feedback row, kept when it changes.
CREATE TABLE feedback_history (
  id VARCHAR(26) NOT NULL,
  version BIGINT NOT NULL,
  kind VARCHAR(16) NOT NULL,
  from_kind VARCHAR(32) NOT NULL,
  received_date CHAR(10) NOT NULL,
  summary VARCHAR(4000) NOT NULL,
  local_authority VARCHAR(9) NOT NULL,
  status VARCHAR(16) NOT NULL,
  stages TEXT NOT NULL,
  stage_due_date CHAR(10) NULL,
  closed_date CHAR(10) NULL,
  updated_at BIGINT NOT NULL,
  updated_by VARCHAR(255) NOT NULL,
  PRIMARY KEY (id, version)
);
