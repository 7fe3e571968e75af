-- When the decision maker's decision on a recommendation is due: the configured working
-- days after the final minutes (none for a deferred case, or before the minutes are final).
ALTER TABLE recommendations ADD COLUMN decision_due_date CHAR(10) NULL;
CREATE INDEX recommendations_due ON recommendations (decision_due_date);
