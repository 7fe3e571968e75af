-- Households imported from an agency's old system keep its id, so that importing the
-- same extract again finds them (recruitment-svc/domain/history.h). Live households have none.
ALTER TABLE households ADD COLUMN source_id VARCHAR(64) NULL;
CREATE UNIQUE INDEX households_source ON households (source_id);
