-- Information sessions and the households booked on them (recruitment-svc). A
-- session's booked and attended counts move with its version, so two bookings racing
-- for the last place cannot both take it.
CREATE TABLE information_sessions (
  id VARCHAR(26) NOT NULL PRIMARY KEY,
  session_date CHAR(10) NOT NULL,
  capacity INTEGER NOT NULL,
  mode VARCHAR(16) NOT NULL,
  venue VARCHAR(200) NOT NULL,
  booked INTEGER NOT NULL,
  attended INTEGER NOT NULL,
  version BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  created_by VARCHAR(255) NOT NULL,
  updated_by VARCHAR(255) NOT NULL
);

CREATE TABLE information_session_history (
  id VARCHAR(26) NOT NULL,
  version BIGINT NOT NULL,
  session_date CHAR(10) NOT NULL,
  capacity INTEGER NOT NULL,
  mode VARCHAR(16) NOT NULL,
  venue VARCHAR(200) NOT NULL,
  booked INTEGER NOT NULL,
  attended INTEGER NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by VARCHAR(255) NOT NULL,
  PRIMARY KEY (id, version)
);

CREATE TABLE information_session_bookings (
  session_id VARCHAR(26) NOT NULL,
  household_id VARCHAR(26) NOT NULL,
  booked_on CHAR(10) NOT NULL,
  attended SMALLINT NOT NULL,
  recorded_at BIGINT NOT NULL,
  recorded_by VARCHAR(255) NOT NULL,
  PRIMARY KEY (session_id, household_id),
  FOREIGN KEY (session_id) REFERENCES information_sessions (id),
  FOREIGN KEY (household_id) REFERENCES households (id)
);
CREATE INDEX information_session_bookings_household ON information_session_bookings (household_id);
