-- The notification outbox and its deliveries keyed by family too (V25, FamilyKeysTest): a notice,
-- its deliveries and its inbox entry live with the account's other rows. Ids stay platform-wide
-- sequences (the dispatcher takes notices in id order), with plain indexes for lookups by id.
ALTER TABLE notification_deliveries DROP CONSTRAINT notification_deliveries_outbox_id_fkey;
ALTER TABLE notification_inbox DROP CONSTRAINT notification_inbox_outbox_id_fkey;

ALTER TABLE outbox DROP CONSTRAINT outbox_pkey, ADD PRIMARY KEY (root_id, id);
-- A notice's dedupe key names its account's grant or bill, so it is unique within the family.
ALTER TABLE outbox DROP CONSTRAINT outbox_dedupe_key_key, ADD CONSTRAINT outbox_family_dedupe UNIQUE (root_id, dedupe_key);

ALTER TABLE notification_deliveries DROP CONSTRAINT notification_deliveries_pkey, ADD PRIMARY KEY (root_id, id);
CREATE INDEX notification_deliveries_by_id ON notification_deliveries (id);
ALTER TABLE notification_deliveries DROP CONSTRAINT notification_deliveries_outbox_id_channel_key,
  ADD CONSTRAINT notification_deliveries_once UNIQUE (root_id, outbox_id, channel);
ALTER TABLE notification_deliveries ADD CONSTRAINT notification_deliveries_notice_in_family
  FOREIGN KEY (root_id, outbox_id) REFERENCES outbox (root_id, id);
ALTER TABLE notification_inbox ADD CONSTRAINT notification_inbox_notice_in_family
  FOREIGN KEY (root_id, outbox_id) REFERENCES outbox (root_id, id);
