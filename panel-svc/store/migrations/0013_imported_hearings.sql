-- Cases heard in the agency's old system whose decision is taken here
-- (ImportRecommendation): the case keeps the old system's id (source_id; live cases
-- have none), its meeting is marked imported (attendance and quorum unknown, left out
-- of the panel's figures). Meetings recorded before are live.
ALTER TABLE meetings ADD COLUMN imported SMALLINT NOT NULL DEFAULT 0;
CREATE INDEX meetings_imported ON meetings (panel_id, imported, meeting_date);
ALTER TABLE agenda_items ADD COLUMN source_id VARCHAR(64) NULL;
CREATE UNIQUE INDEX agenda_items_source ON agenda_items (source_id);
