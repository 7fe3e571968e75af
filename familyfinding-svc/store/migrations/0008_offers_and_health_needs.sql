-- Households partner agencies offer through the API (OfferHousehold), one per partner
-- and reference; and the health and developmental needs each approval says the
-- household can meet (panel-svc's AdopterApproved, via recruitment-svc).
ALTER TABLE household_profiles ADD COLUMN offer_reference VARCHAR(64) NULL;
ALTER TABLE household_profiles ADD COLUMN health_needs_acceptable VARCHAR(2000) NOT NULL DEFAULT '';
CREATE UNIQUE INDEX household_profiles_offer ON household_profiles (agency, offer_reference);
