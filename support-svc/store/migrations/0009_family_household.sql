-- The adoptive household a support request or an assessment of need is about, so that
-- the family reads its own (its id in recruitment-svc; '' for none).
ALTER TABLE support_requests ADD COLUMN household VARCHAR(26) NOT NULL DEFAULT '';
ALTER TABLE support_request_history ADD COLUMN household VARCHAR(26) NOT NULL DEFAULT '';
ALTER TABLE assessments_of_need ADD COLUMN household VARCHAR(26) NOT NULL DEFAULT '';
ALTER TABLE assessment_of_need_history ADD COLUMN household VARCHAR(26) NOT NULL DEFAULT '';
CREATE INDEX support_requests_household ON support_requests (household, received_date, id);
CREATE INDEX assessments_of_need_household ON assessments_of_need (household, id);
