-- The cases booked on a meeting's agenda, with their children, papers and declared
-- conflicts, and the panel's recommendation on each (one per case) with the members
-- who made its quorum.
CREATE TABLE agenda_items (
  id VARCHAR(26) NOT NULL PRIMARY KEY,
  panel_id VARCHAR(26) NOT NULL,
  meeting_id VARCHAR(26) NOT NULL,
  kind VARCHAR(24) NOT NULL,
  household_id VARCHAR(26) NULL,
  dual_approval_sought SMALLINT NOT NULL,
  version BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  created_by VARCHAR(255) NOT NULL,
  updated_by VARCHAR(255) NOT NULL,
  FOREIGN KEY (meeting_id) REFERENCES meetings (id)
);
CREATE INDEX agenda_items_meeting ON agenda_items (meeting_id, id);
CREATE INDEX agenda_items_household ON agenda_items (household_id, id);

CREATE TABLE agenda_item_children (
  agenda_item_id VARCHAR(26) NOT NULL,
  position SMALLINT NOT NULL,
  child_id VARCHAR(26) NOT NULL,
  PRIMARY KEY (agenda_item_id, position),
  FOREIGN KEY (agenda_item_id) REFERENCES agenda_items (id)
);
CREATE INDEX agenda_item_children_child ON agenda_item_children (child_id, agenda_item_id);

CREATE TABLE agenda_papers (
  agenda_item_id VARCHAR(26) NOT NULL,
  position SMALLINT NOT NULL,
  kind VARCHAR(32) NOT NULL,
  title VARCHAR(800) NOT NULL,
  due_date CHAR(10) NOT NULL,
  received_date CHAR(10) NULL,
  quality_rating VARCHAR(24) NULL,
  quality_feedback TEXT NOT NULL,
  PRIMARY KEY (agenda_item_id, position),
  FOREIGN KEY (agenda_item_id) REFERENCES agenda_items (id)
);

CREATE TABLE agenda_conflicts (
  agenda_item_id VARCHAR(26) NOT NULL,
  position SMALLINT NOT NULL,
  member_id VARCHAR(26) NOT NULL,
  description TEXT NOT NULL,
  PRIMARY KEY (agenda_item_id, position),
  FOREIGN KEY (agenda_item_id) REFERENCES agenda_items (id)
);

CREATE TABLE recommendations (
  agenda_item_id VARCHAR(26) NOT NULL PRIMARY KEY,
  outcome VARCHAR(16) NOT NULL,
  reasons TEXT NOT NULL,
  votes_for SMALLINT NOT NULL,
  votes_against SMALLINT NOT NULL,
  votes_abstain SMALLINT NOT NULL,
  minutes_final_date CHAR(10) NULL,
  version BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  created_by VARCHAR(255) NOT NULL,
  updated_by VARCHAR(255) NOT NULL,
  FOREIGN KEY (agenda_item_id) REFERENCES agenda_items (id)
);

CREATE TABLE recommendation_quorum (
  agenda_item_id VARCHAR(26) NOT NULL,
  position SMALLINT NOT NULL,
  member_id VARCHAR(26) NOT NULL,
  PRIMARY KEY (agenda_item_id, position),
  FOREIGN KEY (agenda_item_id) REFERENCES recommendations (agenda_item_id)
);

-- A live decision names the recommendation it follows.
ALTER TABLE decisions ADD COLUMN recommendation VARCHAR(160) NULL;
CREATE INDEX decisions_agenda_item ON decisions (agenda_item_id);
