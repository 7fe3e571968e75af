-- The reports read a period's enquiries and a period's steps by date
-- (HouseholdStore::Histories, CountFunnel); the step index covers what the funnel counts.
CREATE INDEX households_enquiry ON households (enquiry_date);
CREATE INDEX household_journey_date ON household_journey (effective_date, event, household_id);
-- Known-child households (foster carers, connected persons) are counted apart: few, found by route.
CREATE INDEX households_route ON households (route, id);
