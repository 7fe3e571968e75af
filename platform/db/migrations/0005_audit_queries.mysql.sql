-- The audit log is asked (AuditService.ListAuditEntries) who saw a record — by its id
-- alone as well as with its type — what a caller did, and what happened in a period.
CREATE INDEX audit_log_resource_id ON audit_log (resource_id);
CREATE INDEX audit_log_actor ON audit_log (actor);
CREATE INDEX audit_log_occurred ON audit_log (occurred_at);
