-- The schedule of each party of an arrangement (letterbox-svc; docs/letterbox.md, "Due,
-- overdue and no reply"): its oldest unanswered due date, when it last sent, when an
-- item was last forwarded to it. A read model, rewritten from the arrangement and its
-- exchanges in the transaction of every change to either; the lists of overdue items
-- and parties waiting for a reply read it by index.
CREATE TABLE letterbox_schedule (
  id VARCHAR(53) NOT NULL PRIMARY KEY,
  arrangement_id VARCHAR(26) NOT NULL,
  party_id VARCHAR(26) NOT NULL,
  next_due_date CHAR(10) NULL,
  last_sent_date CHAR(10) NULL,
  last_forwarded_date CHAR(10) NULL,
  updated_at BIGINT NOT NULL,
  FOREIGN KEY (arrangement_id) REFERENCES contact_arrangements (id)
);
CREATE INDEX letterbox_schedule_due ON letterbox_schedule (next_due_date, id);
CREATE INDEX letterbox_schedule_forwarded ON letterbox_schedule (last_forwarded_date, id);
CREATE INDEX letterbox_schedule_arrangement ON letterbox_schedule (arrangement_id, id);
