-- Usage totals per account, meter, API key and quarter hour, kept by the settle batch in the same
-- transaction as the usage records, so reports and charts read thousands of rows instead of every
-- call (usage/README.md "Rollups"). Quarter hours, because every time zone in use today is a
-- whole number of quarter hours from UTC: a bucket never straddles a local midnight.
CREATE TABLE usage_rollups (
  root_id            text NOT NULL,
  account_id         text NOT NULL,
  bucket_start       timestamptz NOT NULL,
  meter              text NOT NULL,
  api_key_id         text NOT NULL,  -- '' for calls named by account id
  calls              bigint NOT NULL,
  failed             bigint NOT NULL,
  billable_units     bigint NOT NULL,
  input_tokens       bigint NOT NULL,
  output_tokens      bigint NOT NULL,
  cache_read_tokens  bigint NOT NULL,
  cache_write_tokens bigint NOT NULL,
  amount_nanos       bigint NOT NULL,
  postpaid_nanos     bigint NOT NULL,
  PRIMARY KEY (root_id, account_id, bucket_start, meter, api_key_id)
);
CREATE INDEX usage_rollups_by_account ON usage_rollups (account_id, bucket_start);
CREATE INDEX usage_rollups_by_time ON usage_rollups (bucket_start);

INSERT INTO usage_rollups
SELECT root_id, account_id, date_bin('15 minutes', occurred_at, TIMESTAMPTZ '2000-01-01 00:00:00+00'), meter,
       coalesce(api_key_id, ''), count(*) FILTER (WHERE status = 'success'), count(*) FILTER (WHERE status = 'failed'),
       sum(billable_units), sum(input_tokens), sum(output_tokens), sum(cache_read_tokens), sum(cache_write_tokens),
       sum(amount_nanos), sum(postpaid_nanos)
  FROM usage_records
 GROUP BY 1, 2, 3, 4, 5;
