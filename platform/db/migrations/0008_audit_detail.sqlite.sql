-- What an entry's call asked beyond the record it names: a question to the audit log
-- keeps its conditions here (an actor, a period), so "who looked at who looked" can be
-- answered for a question that named no record. Empty for every other entry.
ALTER TABLE audit_log ADD COLUMN detail VARCHAR(512) NOT NULL DEFAULT '';
