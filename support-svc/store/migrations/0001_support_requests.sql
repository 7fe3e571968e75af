-- Support requests (support-svc). Dates are ISO text (YYYY-MM-DD), instants
-- microseconds since the epoch. summary and outcome are free text that may hold
-- personal data; the requester's name and date of birth are NULL when not given.
CREATE TABLE support_requests (
  id VARCHAR(26) NOT NULL PRIMARY KEY,
  requester_kind VARCHAR(32) NOT NULL,
  requester_given_name VARCHAR(100) NULL,
  requester_family_name VARCHAR(100) NULL,
  requester_date_of_birth CHAR(10) NULL,
  channel VARCHAR(32) NOT NULL,
  received_date CHAR(10) NOT NULL,
  summary VARCHAR(4000) NOT NULL,
  local_authority VARCHAR(9) NOT NULL,
  triage VARCHAR(32) NULL,
  support_call_due_date CHAR(10) NULL,
  support_call_date CHAR(10) NULL,
  status VARCHAR(32) NOT NULL,
  outcome VARCHAR(2000) NOT NULL,
  closed_date CHAR(10) NULL,
  version BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  created_by VARCHAR(255) NOT NULL,
  updated_by VARCHAR(255) NOT NULL
);
-- Lists run in date-received order; filters narrow them.
CREATE INDEX support_requests_received ON support_requests (received_date, id);
CREATE INDEX support_requests_status ON support_requests (status, received_date, id);
CREATE INDEX support_requests_triage ON support_requests (triage, received_date, id);
CREATE INDEX support_requests_la ON support_requests (local_authority, received_date, id);

-- Nothing is hard-deleted: each earlier version of a request row, kept when it is
-- updated.
CREATE TABLE support_request_history (
  id VARCHAR(26) NOT NULL,
  version BIGINT NOT NULL,
  requester_kind VARCHAR(32) NOT NULL,
  requester_given_name VARCHAR(100) NULL,
  requester_family_name VARCHAR(100) NULL,
  requester_date_of_birth CHAR(10) NULL,
  channel VARCHAR(32) NOT NULL,
  received_date CHAR(10) NOT NULL,
  summary VARCHAR(4000) NOT NULL,
  local_authority VARCHAR(9) NOT NULL,
  triage VARCHAR(32) NULL,
  support_call_due_date CHAR(10) NULL,
  support_call_date CHAR(10) NULL,
  status VARCHAR(32) NOT NULL,
  outcome VARCHAR(2000) NOT NULL,
  closed_date CHAR(10) NULL,
  updated_at BIGINT NOT NULL,
  updated_by VARCHAR(255) NOT NULL,
  PRIMARY KEY (id, version)
);
