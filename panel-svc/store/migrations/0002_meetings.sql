-- Meetings of a panel and who attended. quorate is as evaluated when the meeting
-- was last recorded (the panel's list and rules of that day).
CREATE TABLE meetings (
  id VARCHAR(26) NOT NULL PRIMARY KEY,
  panel_id VARCHAR(26) NOT NULL,
  meeting_date CHAR(10) NOT NULL,
  case_capacity SMALLINT NOT NULL,
  status VARCHAR(16) NOT NULL,
  quorate SMALLINT NOT NULL,
  version BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  created_by VARCHAR(255) NOT NULL,
  updated_by VARCHAR(255) NOT NULL,
  FOREIGN KEY (panel_id) REFERENCES panels (id)
);
CREATE INDEX meetings_date ON meetings (meeting_date, id);
CREATE INDEX meetings_panel_date ON meetings (panel_id, meeting_date, id);

-- Attendance per meeting version; a correction supersedes the previous rows.
CREATE TABLE meeting_attendance (
  meeting_id VARCHAR(26) NOT NULL,
  version BIGINT NOT NULL,
  position SMALLINT NOT NULL,
  member_id VARCHAR(26) NOT NULL,
  superseded_at BIGINT NULL,
  PRIMARY KEY (meeting_id, version, position),
  FOREIGN KEY (meeting_id) REFERENCES meetings (id)
);

-- Each earlier version of a meeting row, kept when it is updated.
CREATE TABLE meeting_history (
  id VARCHAR(26) NOT NULL,
  version BIGINT NOT NULL,
  panel_id VARCHAR(26) NOT NULL,
  meeting_date CHAR(10) NOT NULL,
  case_capacity SMALLINT NOT NULL,
  status VARCHAR(16) NOT NULL,
  quorate SMALLINT NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by VARCHAR(255) NOT NULL,
  PRIMARY KEY (id, version)
);
