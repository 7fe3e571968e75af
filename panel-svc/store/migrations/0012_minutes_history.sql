-- A recommendation's minutes are made final after it is recorded (FinaliseMinutes):
-- the version before keeps its row here.
CREATE TABLE recommendation_history (
  agenda_item_id VARCHAR(26) NOT NULL,
  version BIGINT NOT NULL,
  minutes_final_date CHAR(10) NULL,
  decision_due_date CHAR(10) NULL,
  updated_at BIGINT NOT NULL,
  updated_by VARCHAR(255) NOT NULL,
  PRIMARY KEY (agenda_item_id, version)
);
