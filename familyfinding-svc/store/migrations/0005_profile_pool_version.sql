-- A counter moved in the same transaction as every write of a household profile: a
-- replica holding the matching pool in memory reloads it only when this has moved.
CREATE TABLE household_profile_pool (
  id SMALLINT NOT NULL PRIMARY KEY,
  version BIGINT NOT NULL
);
INSERT INTO household_profile_pool (id, version) VALUES (1, 0);
