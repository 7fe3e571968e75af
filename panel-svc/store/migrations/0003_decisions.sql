-- The agency decision maker's decisions. approval terms are kept with an agreed
-- approval or review (has_terms); a qualifying determination keeps its deadline and
-- state. Imported decisions keep the old system's id (source_id); live ones have none.
CREATE TABLE decisions (
  id VARCHAR(26) NOT NULL PRIMARY KEY,
  kind VARCHAR(24) NOT NULL,
  outcome VARCHAR(16) NOT NULL,
  decision_date CHAR(10) NOT NULL,
  panel_date CHAR(10) NULL,
  agenda_item_id VARCHAR(26) NULL,
  recommendation_received_date CHAR(10) NULL,
  decision_due_date CHAR(10) NULL,
  contrary_to_recommendation SMALLINT NOT NULL,
  household_id VARCHAR(26) NULL,
  has_terms SMALLINT NOT NULL,
  min_children SMALLINT NOT NULL,
  max_children SMALLINT NOT NULL,
  min_age_years SMALLINT NOT NULL,
  max_age_years SMALLINT NOT NULL,
  sibling_groups SMALLINT NOT NULL,
  disability_acceptable SMALLINT NOT NULL,
  health_needs_acceptable TEXT NOT NULL,
  ethnicities TEXT NOT NULL,
  dual_approval SMALLINT NOT NULL,
  new_plan VARCHAR(32) NULL,
  reasons TEXT NOT NULL,
  decision_maker VARCHAR(255) NOT NULL,
  decision_maker_local_authority VARCHAR(9) NOT NULL,
  qualifying_determination SMALLINT NOT NULL,
  representations_deadline CHAR(10) NULL,
  determination_state VARCHAR(16) NULL,
  source_id VARCHAR(64) NULL,
  version BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  created_by VARCHAR(255) NOT NULL,
  updated_by VARCHAR(255) NOT NULL
);
CREATE INDEX decisions_date ON decisions (decision_date, id);
CREATE INDEX decisions_household ON decisions (household_id, decision_date);
CREATE UNIQUE INDEX decisions_source ON decisions (source_id);

-- The children a decision is about, in the order given.
CREATE TABLE decision_children (
  decision_id VARCHAR(26) NOT NULL,
  position SMALLINT NOT NULL,
  child_id VARCHAR(26) NOT NULL,
  PRIMARY KEY (decision_id, position),
  FOREIGN KEY (decision_id) REFERENCES decisions (id)
);
CREATE INDEX decision_children_child ON decision_children (child_id, decision_id);

-- Each earlier version of a decision: what a version may change (a qualifying
-- determination made final or reconsidered).
CREATE TABLE decision_history (
  id VARCHAR(26) NOT NULL,
  version BIGINT NOT NULL,
  determination_state VARCHAR(16) NULL,
  updated_at BIGINT NOT NULL,
  updated_by VARCHAR(255) NOT NULL,
  PRIMARY KEY (id, version)
);
