-- How a panel sits: IN_PERSON (the meetings recorded before) or ONLINE.
ALTER TABLE meetings ADD COLUMN mode VARCHAR(16) NOT NULL DEFAULT 'IN_PERSON';
ALTER TABLE meeting_history ADD COLUMN mode VARCHAR(16) NOT NULL DEFAULT 'IN_PERSON';
