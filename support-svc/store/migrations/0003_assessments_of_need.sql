-- Assessments of need (support-svc) and the old system's ids of imported support
-- records. Dates are ISO text (YYYY-MM-DD). needs, support_plan and close_reason are
-- free text that may hold personal data. The structured support plan is one JSON
-- document (goals, services, review dates): it is read and written whole with its
-- assessment; plan_review_date repeats its next review date for the "review due" list.
CREATE TABLE assessments_of_need (
  id VARCHAR(26) NOT NULL PRIMARY KEY,
  support_request VARCHAR(26) NOT NULL,
  local_authority VARCHAR(9) NOT NULL,
  requested_date CHAR(10) NOT NULL,
  start_date CHAR(10) NULL,
  target_date CHAR(10) NULL,
  social_worker VARCHAR(100) NOT NULL,
  needs TEXT NOT NULL,
  support_plan TEXT NOT NULL,
  status VARCHAR(16) NOT NULL,
  completed_date CHAR(10) NULL,
  outcome VARCHAR(24) NULL,
  plan TEXT NULL,
  plan_review_date CHAR(10) NULL,
  close_reason VARCHAR(500) NOT NULL,
  source_id VARCHAR(64) NULL,
  version BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  created_by VARCHAR(255) NOT NULL,
  updated_by VARCHAR(255) NOT NULL
);
-- Lists run in creation order (id); filters narrow them; reports read a period.
CREATE INDEX assessments_of_need_la ON assessments_of_need (local_authority, id);
CREATE INDEX assessments_of_need_status ON assessments_of_need (status, id);
CREATE INDEX assessments_of_need_request ON assessments_of_need (support_request, id);
CREATE INDEX assessments_of_need_review ON assessments_of_need (plan_review_date, id);
CREATE INDEX assessments_of_need_requested ON assessments_of_need (requested_date);
CREATE UNIQUE INDEX assessments_of_need_source ON assessments_of_need (source_id);

-- Each earlier version of an assessment row, kept when it changes.
CREATE TABLE assessment_of_need_history (
  id VARCHAR(26) NOT NULL,
  version BIGINT NOT NULL,
  support_request VARCHAR(26) NOT NULL,
  local_authority VARCHAR(9) NOT NULL,
  requested_date CHAR(10) NOT NULL,
  start_date CHAR(10) NULL,
  target_date CHAR(10) NULL,
  social_worker VARCHAR(100) NOT NULL,
  needs TEXT NOT NULL,
  support_plan TEXT NOT NULL,
  status VARCHAR(16) NOT NULL,
  completed_date CHAR(10) NULL,
  outcome VARCHAR(24) NULL,
  plan TEXT NULL,
  plan_review_date CHAR(10) NULL,
  close_reason VARCHAR(500) NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by VARCHAR(255) NOT NULL,
  PRIMARY KEY (id, version)
);

-- An imported support request keeps the old system's id, so that importing the same
-- extract again finds it.
ALTER TABLE support_requests ADD COLUMN source_id VARCHAR(64) NULL;
CREATE UNIQUE INDEX support_requests_source ON support_requests (source_id);
