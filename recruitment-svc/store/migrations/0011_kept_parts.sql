-- A copy of the household's parts (applicants, journey, Stage 1 checks, approvals) as
-- they stand, in its own row, written in the transaction that writes them: a household
-- is then read by its primary key alone (docs/operations.md, "The hot path"). The parts'
-- tables stay the record; a row without a copy of its version (one written before this
-- column) is read from them.
ALTER TABLE households ADD COLUMN parts MEDIUMTEXT NULL;
