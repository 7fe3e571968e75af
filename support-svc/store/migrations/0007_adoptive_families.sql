-- The adoptive families support serves, as family finding's events tell of them: one
-- row per placement for adoption (a child with a household), moved on by the adoption
-- order or a disruption. source_event is the ChildPlaced event that began it, so that
-- an event read again adds nothing.
CREATE TABLE adoptive_families (
  id VARCHAR(26) NOT NULL PRIMARY KEY,
  child VARCHAR(26) NOT NULL,
  household VARCHAR(26) NOT NULL,
  local_authority VARCHAR(9) NOT NULL,
  placed_date CHAR(10) NOT NULL,
  moved_in_date CHAR(10) NOT NULL,
  early_permanence SMALLINT NOT NULL,
  status VARCHAR(16) NOT NULL,
  adoption_order_date CHAR(10) NULL,
  disruption_date CHAR(10) NULL,
  placing_authority_responsible_until CHAR(10) NULL,
  source_event VARCHAR(64) NOT NULL,
  version BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  created_by VARCHAR(255) NOT NULL,
  updated_by VARCHAR(255) NOT NULL
);
CREATE UNIQUE INDEX adoptive_families_source ON adoptive_families (source_event);
CREATE INDEX adoptive_families_child ON adoptive_families (child, household);
CREATE INDEX adoptive_families_la ON adoptive_families (local_authority, id);
CREATE INDEX adoptive_families_household ON adoptive_families (household, id);

-- Each earlier version of a family row, kept when it changes.
CREATE TABLE adoptive_family_history (
  id VARCHAR(26) NOT NULL,
  version BIGINT NOT NULL,
  status VARCHAR(16) NOT NULL,
  adoption_order_date CHAR(10) NULL,
  disruption_date CHAR(10) NULL,
  placing_authority_responsible_until CHAR(10) NULL,
  updated_at BIGINT NOT NULL,
  updated_by VARCHAR(255) NOT NULL,
  PRIMARY KEY (id, version)
);
