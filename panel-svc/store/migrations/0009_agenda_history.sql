-- Each earlier version of an agenda item (its papers received and rated, conflicts
-- declared after booking): the item's bookkeeping and its papers as they were.
CREATE TABLE agenda_item_history (
  id VARCHAR(26) NOT NULL,
  version BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by VARCHAR(255) NOT NULL,
  PRIMARY KEY (id, version)
);

CREATE TABLE agenda_paper_history (
  agenda_item_id VARCHAR(26) NOT NULL,
  version BIGINT NOT NULL,
  position SMALLINT NOT NULL,
  kind VARCHAR(32) NOT NULL,
  title VARCHAR(800) NOT NULL,
  due_date CHAR(10) NOT NULL,
  received_date CHAR(10) NULL,
  quality_rating VARCHAR(24) NULL,
  quality_feedback TEXT NOT NULL,
  PRIMARY KEY (agenda_item_id, version, position)
);
