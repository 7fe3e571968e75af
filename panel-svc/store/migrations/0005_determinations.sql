-- A reconsidered qualifying determination keeps the day representations (or an IRM
-- application) came; its history keeps it per version.
ALTER TABLE decisions ADD COLUMN representations_date CHAR(10) NULL;
ALTER TABLE decision_history ADD COLUMN representations_date CHAR(10) NULL;
