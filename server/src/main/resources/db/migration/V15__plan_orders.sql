-- A plan order (seed 003): the customer pays a plan's price; once credited, the subscription is
-- bought from the wallet under the order's own idempotency key, so retries subscribe once.
ALTER TABLE payment_orders ADD COLUMN plan_id text;
ALTER TABLE payment_orders ADD CONSTRAINT payment_orders_plan CHECK ((kind = 'plan') = (plan_id IS NOT NULL));
