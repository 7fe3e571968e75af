-- The whole of an approval's terms as the decision maker gave them (panel-svc's
-- AdopterApproved): approvals stored before keep one child as the fewest.
ALTER TABLE household_approvals ADD COLUMN min_children SMALLINT NOT NULL DEFAULT 1;
ALTER TABLE household_approvals ADD COLUMN sibling_groups SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE household_approvals ADD COLUMN disability_acceptable SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE household_approvals ADD COLUMN health_needs_acceptable VARCHAR(4000) NOT NULL DEFAULT '';
