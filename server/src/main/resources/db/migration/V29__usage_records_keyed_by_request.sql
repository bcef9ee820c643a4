-- A usage record is identified by its request within the family (the idempotency key every settle
-- probes); its id is a public handle that the usage log pages by together with occurred_at
-- (usage_by_time, usage_by_account_time). Nothing looks one up by (root_id, id), so that primary
-- key was an index entry written for every settled call and never read: the request key, which
-- already carried root_id for sharding, becomes the primary key instead. Ids stay unique by
-- construction (119 random bits each, usage/Ids).
ALTER TABLE usage_records DROP CONSTRAINT usage_records_pkey;
ALTER TABLE usage_records DROP CONSTRAINT usage_records_root_id_request_id_key;
ALTER TABLE usage_records ADD PRIMARY KEY (root_id, request_id);
