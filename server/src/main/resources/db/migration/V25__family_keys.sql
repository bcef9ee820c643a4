-- Family keys, so that a distributed PostgreSQL (Citus) can shard every family table by root_id
-- (ARCHITECTURE.md "Storage and scaling out"): a sharded table's unique keys and the foreign keys
-- between sharded tables must include the shard column. FamilyKeysTest pins the rule and names
-- the few global lookups it leaves.

-- An account is addressed within its family. accounts_root (root_id, id) becomes this key.
ALTER TABLE accounts ADD CONSTRAINT accounts_family_id UNIQUE (root_id, id);
DROP INDEX accounts_root;

-- A family table references its account together with the family, which also makes the database
-- refuse a row whose root_id is not its account's root (nothing checked that before).
ALTER TABLE accounts DROP CONSTRAINT accounts_parent_id_fkey,
  ADD CONSTRAINT accounts_parent_in_family FOREIGN KEY (root_id, parent_id) REFERENCES accounts (root_id, id);

ALTER TABLE api_keys DROP CONSTRAINT api_keys_account_id_fkey,
  ADD CONSTRAINT api_keys_account_in_family FOREIGN KEY (root_id, account_id) REFERENCES accounts (root_id, id);
ALTER TABLE wallets DROP CONSTRAINT wallets_account_id_fkey,
  ADD CONSTRAINT wallets_account_in_family FOREIGN KEY (root_id, account_id) REFERENCES accounts (root_id, id);
ALTER TABLE wallet_movements DROP CONSTRAINT wallet_movements_account_id_fkey,
  ADD CONSTRAINT wallet_movements_account_in_family FOREIGN KEY (root_id, account_id) REFERENCES accounts (root_id, id);
ALTER TABLE grants DROP CONSTRAINT grants_account_id_fkey,
  ADD CONSTRAINT grants_account_in_family FOREIGN KEY (root_id, account_id) REFERENCES accounts (root_id, id);
ALTER TABLE bills DROP CONSTRAINT bills_account_id_fkey,
  ADD CONSTRAINT bills_account_in_family FOREIGN KEY (root_id, account_id) REFERENCES accounts (root_id, id);
ALTER TABLE account_notification_settings DROP CONSTRAINT account_notification_settings_account_id_fkey,
  ADD CONSTRAINT account_notification_settings_account_in_family FOREIGN KEY (root_id, account_id) REFERENCES accounts (root_id, id);
ALTER TABLE payment_orders DROP CONSTRAINT payment_orders_account_id_fkey,
  ADD CONSTRAINT payment_orders_account_in_family FOREIGN KEY (root_id, account_id) REFERENCES accounts (root_id, id);
ALTER TABLE code_redemptions DROP CONSTRAINT code_redemptions_account_id_fkey,
  ADD CONSTRAINT code_redemptions_account_in_family FOREIGN KEY (root_id, account_id) REFERENCES accounts (root_id, id);
ALTER TABLE editions DROP CONSTRAINT editions_account_id_fkey,
  ADD CONSTRAINT editions_account_in_family FOREIGN KEY (root_id, account_id) REFERENCES accounts (root_id, id);
ALTER TABLE purchases DROP CONSTRAINT purchases_account_id_fkey,
  ADD CONSTRAINT purchases_account_in_family FOREIGN KEY (root_id, account_id) REFERENCES accounts (root_id, id);
ALTER TABLE concurrency_packages DROP CONSTRAINT concurrency_packages_account_id_fkey,
  ADD CONSTRAINT concurrency_packages_account_in_family FOREIGN KEY (root_id, account_id) REFERENCES accounts (root_id, id);
ALTER TABLE auto_renewal_failures DROP CONSTRAINT auto_renewal_failures_account_id_fkey,
  ADD CONSTRAINT auto_renewal_failures_account_in_family FOREIGN KEY (root_id, account_id) REFERENCES accounts (root_id, id);
ALTER TABLE storage_usage DROP CONSTRAINT storage_usage_account_id_fkey,
  ADD CONSTRAINT storage_usage_account_in_family FOREIGN KEY (root_id, account_id) REFERENCES accounts (root_id, id);
ALTER TABLE portal_links DROP CONSTRAINT portal_links_account_id_fkey,
  ADD CONSTRAINT portal_links_account_in_family FOREIGN KEY (root_id, account_id) REFERENCES accounts (root_id, id);
ALTER TABLE portal_tokens DROP CONSTRAINT portal_tokens_account_id_fkey,
  ADD CONSTRAINT portal_tokens_account_in_family FOREIGN KEY (root_id, account_id) REFERENCES accounts (root_id, id);
ALTER TABLE portal_sessions DROP CONSTRAINT portal_sessions_account_id_fkey,
  ADD CONSTRAINT portal_sessions_account_in_family FOREIGN KEY (root_id, account_id) REFERENCES accounts (root_id, id);

-- Unique per family, not per platform: bills, notification settings and storage rows already have
-- primary keys that start with root_id; their second unique key by account id alone only served
-- lookups by account, which plain indexes still serve.
ALTER TABLE bills DROP CONSTRAINT bills_account_id_month_key;
CREATE INDEX bills_by_account_month ON bills (account_id, month);
DROP INDEX account_notification_settings_account;
CREATE INDEX account_notification_settings_by_account ON account_notification_settings (account_id);
DROP INDEX storage_usage_account;
CREATE INDEX storage_usage_by_account ON storage_usage (account_id);
