-- Pauses on new registrations of interest (recruitment-svc).
CREATE TABLE registration_pauses (
  id VARCHAR(26) NOT NULL PRIMARY KEY,
  start_date CHAR(10) NOT NULL,
  end_date CHAR(10) NULL,
  reason VARCHAR(500) NOT NULL,
  version BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  created_by VARCHAR(255) NOT NULL,
  updated_by VARCHAR(255) NOT NULL
);

CREATE TABLE registration_pause_history (
  id VARCHAR(26) NOT NULL,
  version BIGINT NOT NULL,
  start_date CHAR(10) NOT NULL,
  end_date CHAR(10) NULL,
  reason VARCHAR(500) NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by VARCHAR(255) NOT NULL,
  PRIMARY KEY (id, version)
);
