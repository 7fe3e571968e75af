-- A case moved to another meeting keeps, per earlier version, the meeting it was on.
ALTER TABLE agenda_item_history ADD COLUMN meeting_id VARCHAR(26) NULL;
