-- Adoption allowances (support-svc) and the allowance budgets of each local authority's
-- financial years. Money in pence. An allowance's timeline (its rates, suspensions and
-- reviews, earliest first) is one JSON document read and written whole with its row;
-- review_due_date repeats the review due now for the "review overdue" list.
CREATE TABLE adoption_allowances (
  id VARCHAR(26) NOT NULL PRIMARY KEY,
  household VARCHAR(26) NOT NULL,
  child_reference VARCHAR(64) NOT NULL,
  local_authority VARCHAR(9) NOT NULL,
  kind VARCHAR(16) NOT NULL,
  amount_pence BIGINT NOT NULL,
  frequency VARCHAR(16) NOT NULL,
  means_tested SMALLINT NOT NULL,
  start_date CHAR(10) NOT NULL,
  end_date CHAR(10) NULL,
  last_review_date CHAR(10) NULL,
  status VARCHAR(16) NOT NULL,
  first_review_due_date CHAR(10) NULL,
  review_due_date CHAR(10) NULL,
  timeline TEXT NOT NULL,
  end_reason VARCHAR(500) NOT NULL,
  version BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  created_by VARCHAR(255) NOT NULL,
  updated_by VARCHAR(255) NOT NULL
);
CREATE INDEX adoption_allowances_la ON adoption_allowances (local_authority, id);
CREATE INDEX adoption_allowances_household ON adoption_allowances (household, id);
CREATE INDEX adoption_allowances_child ON adoption_allowances (child_reference, id);
CREATE INDEX adoption_allowances_review ON adoption_allowances (review_due_date, id);
CREATE INDEX adoption_allowances_start ON adoption_allowances (start_date);

-- Each earlier version of an allowance row, kept when it changes.
CREATE TABLE adoption_allowance_history (
  id VARCHAR(26) NOT NULL,
  version BIGINT NOT NULL,
  household VARCHAR(26) NOT NULL,
  child_reference VARCHAR(64) NOT NULL,
  local_authority VARCHAR(9) NOT NULL,
  kind VARCHAR(16) NOT NULL,
  amount_pence BIGINT NOT NULL,
  frequency VARCHAR(16) NOT NULL,
  means_tested SMALLINT NOT NULL,
  start_date CHAR(10) NOT NULL,
  end_date CHAR(10) NULL,
  last_review_date CHAR(10) NULL,
  status VARCHAR(16) NOT NULL,
  first_review_due_date CHAR(10) NULL,
  review_due_date CHAR(10) NULL,
  timeline TEXT NOT NULL,
  end_reason VARCHAR(500) NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by VARCHAR(255) NOT NULL,
  PRIMARY KEY (id, version)
);

-- One budget per authority and financial year; each value it replaced is kept.
CREATE TABLE allowance_budgets (
  local_authority VARCHAR(9) NOT NULL,
  financial_year CHAR(7) NOT NULL,
  budget_pence BIGINT NOT NULL,
  version BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  created_by VARCHAR(255) NOT NULL,
  updated_by VARCHAR(255) NOT NULL,
  PRIMARY KEY (local_authority, financial_year)
);
CREATE TABLE allowance_budget_history (
  local_authority VARCHAR(9) NOT NULL,
  financial_year CHAR(7) NOT NULL,
  version BIGINT NOT NULL,
  budget_pence BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by VARCHAR(255) NOT NULL,
  PRIMARY KEY (local_authority, financial_year, version)
);
