-- A member's account (their tokens' subject), their time on the central list and
-- their standing declared interests (one per line). Members recorded before keep
-- no dates: they count while active, as before.
ALTER TABLE panel_members ADD COLUMN account VARCHAR(255) NOT NULL DEFAULT '';
ALTER TABLE panel_members ADD COLUMN joined_date CHAR(10) NULL;
ALTER TABLE panel_members ADD COLUMN notice_date CHAR(10) NULL;
ALTER TABLE panel_members ADD COLUMN left_date CHAR(10) NULL;
ALTER TABLE panel_members ADD COLUMN removed SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE panel_members ADD COLUMN declared_interests TEXT NULL;
-- A panel member's meetings are found by their account.
CREATE INDEX panel_members_account ON panel_members (account, superseded_at);
