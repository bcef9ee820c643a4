-- A package given by a redemption code is held like a purchase (its grants, edition or slots),
-- bought for nothing and not refundable: purpose 'code'.
ALTER TABLE purchases DROP CONSTRAINT purchases_purpose_check;
ALTER TABLE purchases ADD CONSTRAINT purchases_purpose_check CHECK (purpose IN ('purchase', 'renewal', 'upgrade', 'code'));
