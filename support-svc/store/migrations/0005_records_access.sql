-- Adopted adults' requests for their birth records and birth relatives' intermediary
-- requests (support-svc). The applicant's names and date of birth and the birth name
-- are personal data. The counselling sessions are one JSON list read and written whole
-- with the row. queue_key orders the queue: prioritised requests (adopted before 12
-- November 1975) first, then by the day received.
CREATE TABLE records_access_requests (
  id VARCHAR(26) NOT NULL PRIMARY KEY,
  kind VARCHAR(16) NOT NULL,
  applicant_given_name VARCHAR(100) NOT NULL,
  applicant_family_name VARCHAR(100) NOT NULL,
  applicant_date_of_birth CHAR(10) NULL,
  birth_name VARCHAR(100) NOT NULL,
  relationship VARCHAR(100) NOT NULL,
  received_date CHAR(10) NOT NULL,
  adopted_before_1975 SMALLINT NOT NULL,
  local_authority VARCHAR(9) NOT NULL,
  status VARCHAR(16) NOT NULL,
  counselling_completed_date CHAR(10) NULL,
  records_sought_date CHAR(10) NULL,
  shared_date CHAR(10) NULL,
  closed_date CHAR(10) NULL,
  close_reason VARCHAR(500) NOT NULL,
  sessions TEXT NOT NULL,
  queue_key VARCHAR(16) NOT NULL,
  version BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  created_by VARCHAR(255) NOT NULL,
  updated_by VARCHAR(255) NOT NULL
);
CREATE INDEX records_access_queue ON records_access_requests (queue_key, id);
CREATE INDEX records_access_status ON records_access_requests (status, queue_key, id);
CREATE INDEX records_access_la ON records_access_requests (local_authority, queue_key, id);

-- Each earlier version of a request row, kept when it changes.
CREATE TABLE records_access_request_history (
  id VARCHAR(26) NOT NULL,
  version BIGINT NOT NULL,
  kind VARCHAR(16) NOT NULL,
  applicant_given_name VARCHAR(100) NOT NULL,
  applicant_family_name VARCHAR(100) NOT NULL,
  applicant_date_of_birth CHAR(10) NULL,
  birth_name VARCHAR(100) NOT NULL,
  relationship VARCHAR(100) NOT NULL,
  received_date CHAR(10) NOT NULL,
  adopted_before_1975 SMALLINT NOT NULL,
  local_authority VARCHAR(9) NOT NULL,
  status VARCHAR(16) NOT NULL,
  counselling_completed_date CHAR(10) NULL,
  records_sought_date CHAR(10) NULL,
  shared_date CHAR(10) NULL,
  closed_date CHAR(10) NULL,
  close_reason VARCHAR(500) NOT NULL,
  sessions TEXT NOT NULL,
  queue_key VARCHAR(16) NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by VARCHAR(255) NOT NULL,
  PRIMARY KEY (id, version)
);
