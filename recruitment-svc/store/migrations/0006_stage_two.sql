-- Stage 2 progress on the household (recruitment-svc/domain/stage_two.h).
ALTER TABLE households ADD COLUMN home_study_sessions SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE households ADD COLUMN final_training_date CHAR(10) NULL;
ALTER TABLE households ADD COLUMN early_permanence_training_date CHAR(10) NULL;
ALTER TABLE households ADD COLUMN par_completed_date CHAR(10) NULL;
ALTER TABLE household_history ADD COLUMN home_study_sessions SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE household_history ADD COLUMN final_training_date CHAR(10) NULL;
ALTER TABLE household_history ADD COLUMN early_permanence_training_date CHAR(10) NULL;
ALTER TABLE household_history ADD COLUMN par_completed_date CHAR(10) NULL;
