-- The heritage a household was approved to parent (census codes, comma-separated), as
-- panel-svc's AdopterApproved gives it: family finding's matching weighs it.
ALTER TABLE household_approvals ADD COLUMN ethnicities VARCHAR(1000) NOT NULL DEFAULT '';
