-- Links: households explored as families for children (docs/domain.md §2 "Links").
-- A link is never removed; its status changes keep the previous version.
CREATE TABLE child_links (
  id VARCHAR(26) NOT NULL PRIMARY KEY,
  child_id VARCHAR(26) NOT NULL,
  household_id VARCHAR(26) NOT NULL,
  provider VARCHAR(32) NOT NULL,
  reason TEXT NOT NULL,
  link_date CHAR(10) NOT NULL,
  status VARCHAR(24) NOT NULL,
  status_reason TEXT NOT NULL,
  version BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  created_by VARCHAR(255) NOT NULL,
  updated_by VARCHAR(255) NOT NULL,
  FOREIGN KEY (child_id) REFERENCES children (id)
);
-- A child's links, a household's live links (the cap).
CREATE INDEX child_links_child ON child_links (child_id, id);
CREATE INDEX child_links_household ON child_links (household_id, status);

-- The filters a link set aside, with the family finder's reasons; set when it is made.
CREATE TABLE child_link_overrides (
  link_id VARCHAR(26) NOT NULL,
  position SMALLINT NOT NULL,
  filter_name VARCHAR(32) NOT NULL,
  reason TEXT NOT NULL,
  PRIMARY KEY (link_id, position),
  FOREIGN KEY (link_id) REFERENCES child_links (id)
);

-- Each earlier version of a link's status.
CREATE TABLE child_link_history (
  id VARCHAR(26) NOT NULL,
  version BIGINT NOT NULL,
  status VARCHAR(24) NOT NULL,
  status_reason TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by VARCHAR(255) NOT NULL,
  PRIMARY KEY (id, version)
);
