-- The platform's tables in their database's collation, as every service's own tables
-- are (the suite creates its databases utf8mb4_unicode_ci: docs/operations.md,
-- "Provisioning"). They were made with utf8mb4's own default, utf8mb4_general_ci, and
-- MariaDB refuses to compare columns of two collations (a service's cases against its
-- tombstones: docs/records.md). Each table is rebuilt once.
EXECUTE IMMEDIATE CONCAT('ALTER TABLE audit_log CONVERT TO CHARACTER SET ', @@character_set_database, ' COLLATE ', @@collation_database);
EXECUTE IMMEDIATE CONCAT('ALTER TABLE outbox CONVERT TO CHARACTER SET ', @@character_set_database, ' COLLATE ', @@collation_database);
EXECUTE IMMEDIATE CONCAT('ALTER TABLE event_sequencer CONVERT TO CHARACTER SET ', @@character_set_database, ' COLLATE ', @@collation_database);
EXECUTE IMMEDIATE CONCAT('ALTER TABLE idempotency_keys CONVERT TO CHARACTER SET ', @@character_set_database, ' COLLATE ', @@collation_database);
EXECUTE IMMEDIATE CONCAT('ALTER TABLE consumer_cursors CONVERT TO CHARACTER SET ', @@character_set_database, ' COLLATE ', @@collation_database);
EXECUTE IMMEDIATE CONCAT('ALTER TABLE consumer_inbox CONVERT TO CHARACTER SET ', @@character_set_database, ' COLLATE ', @@collation_database);
EXECUTE IMMEDIATE CONCAT('ALTER TABLE create_requests CONVERT TO CHARACTER SET ', @@character_set_database, ' COLLATE ', @@collation_database);
EXECUTE IMMEDIATE CONCAT('ALTER TABLE consumer_dead_letters CONVERT TO CHARACTER SET ', @@character_set_database, ' COLLATE ', @@collation_database);
EXECUTE IMMEDIATE CONCAT('ALTER TABLE consumer_rebaselines CONVERT TO CHARACTER SET ', @@character_set_database, ' COLLATE ', @@collation_database);
EXECUTE IMMEDIATE CONCAT('ALTER TABLE consumer_inbox_superseded CONVERT TO CHARACTER SET ', @@character_set_database, ' COLLATE ', @@collation_database);
EXECUTE IMMEDIATE CONCAT('ALTER TABLE consumer_dead_letters_superseded CONVERT TO CHARACTER SET ', @@character_set_database, ' COLLATE ', @@collation_database);
EXECUTE IMMEDIATE CONCAT('ALTER TABLE legal_holds CONVERT TO CHARACTER SET ', @@character_set_database, ' COLLATE ', @@collation_database);
EXECUTE IMMEDIATE CONCAT('ALTER TABLE record_disposals CONVERT TO CHARACTER SET ', @@character_set_database, ' COLLATE ', @@collation_database);
