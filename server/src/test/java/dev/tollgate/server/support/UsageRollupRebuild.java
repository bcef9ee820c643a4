package dev.tollgate.server.support;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Tests that load usage records with one INSERT … SELECT (100,000 rows in a second) bypass the
 * settle batch, which keeps {@code usage_rollups}; this computes a family's rollups as V21 does.
 */
public final class UsageRollupRebuild {
  private UsageRollupRebuild() {}

  public static void of(JdbcClient jdbc, String rootId) {
    jdbc.sql("DELETE FROM usage_rollups WHERE root_id = ?").params(rootId).update();
    jdbc.sql("""
            INSERT INTO usage_rollups
            SELECT root_id, account_id, date_bin('15 minutes', occurred_at, TIMESTAMPTZ '2000-01-01 00:00:00+00'),
                   meter, coalesce(api_key_id, ''), count(*) FILTER (WHERE status = 'success'),
                   count(*) FILTER (WHERE status = 'failed'), sum(billable_units), sum(input_tokens),
                   sum(output_tokens), sum(cache_read_tokens), sum(cache_write_tokens), sum(amount_nanos),
                   sum(postpaid_nanos)
              FROM usage_records WHERE root_id = ?
             GROUP BY 1, 2, 3, 4, 5""")
        .params(rootId)
        .update();
  }
}
