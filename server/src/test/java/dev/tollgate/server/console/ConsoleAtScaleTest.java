package dev.tollgate.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.Api;
import dev.tollgate.server.support.ConsoleClient;
import dev.tollgate.server.support.ServerTest;
import dev.tollgate.server.support.UsageRollupRebuild;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The main console pages over an account with 100,000 usage records. Render times are logged for
 * BENCHMARKS.md, never asserted: wall-clock time on a shared machine is not a test result.
 */
class ConsoleAtScaleTest extends ServerTest {
  private static final Logger log = LoggerFactory.getLogger(ConsoleAtScaleTest.class);
  static final int RECORDS = 100_000;
  static final int WARM_UPS = 3;
  static final int MEASURED = 5;

  @Autowired JdbcClient jdbc;

  @Test
  void everyMainPageRendersItsRowsWithAHundredThousandUsageRecords() {
    String account = uniqueId("bulk");
    Api api = api();
    assertThat(api.post("/v1/accounts", "{\"id\":\"" + account + "\",\"name\":\"Bulk\"}").status()).isEqualTo(201);
    api.post("/v1/accounts/" + account + "/api-keys", "{}");
    String keyId = api.get("/v1/accounts/" + account + "/api-keys").json().get("items").get(0).get("id").asString();
    String meter = uniqueId("bulk-model");
    // One set-based statement: calls every 20 s back from now (23 days, inside the default 31-day window).
    int inserted = jdbc.sql("""
            INSERT INTO usage_records (id, root_id, account_id, request_id, api_key_id, meter, status, billing_mode,
                   occurred_at, recorded_at, route, latency_ms, input_tokens, output_tokens, cache_read_tokens,
                   billable_units, amount_nanos, currency, snapshot, response)
            SELECT 'use-' || :acct || '-' || g, :acct, :acct, 'req-' || g, :key,
                   CASE WHEN g % 2 = 0 THEN :meter ELSE :meter || '-mini' END,
                   CASE WHEN g % 50 = 0 THEN 'failed' ELSE 'success' END, 'usage',
                   now() - g * interval '20 seconds', now() - g * interval '20 seconds', 'eu-west', 100 + g % 900,
                   1000, 500, 2000, 0, 11100000, 'USD',
                   jsonb_build_object('mode', 'token', 'meter', :meter), '{"charges":[]}'
              FROM generate_series(1, :n) AS g""")
        .param("acct", account).param("key", keyId).param("meter", meter).param("n", RECORDS)
        .update();
    assertThat(inserted).isEqualTo(RECORDS);
    UsageRollupRebuild.of(jdbc, account);
    // What autovacuum does soon after a bulk load; without statistics the planner guesses.
    jdbc.sql("ANALYZE usage_records").update();
    plan("newest calls of all accounts", """
        SELECT id FROM usage_records WHERE occurred_at >= now() - interval '31 days' AND occurred_at < now()
         ORDER BY occurred_at DESC, id DESC LIMIT 51""");
    plan("one account's month of rollups", "SELECT meter, sum(calls), sum(amount_nanos) FROM usage_rollups"
        + " WHERE root_id = '" + account + "' AND account_id = '" + account
        + "' AND bucket_start >= now() - interval '31 days' AND bucket_start < now() GROUP BY meter");

    ConsoleClient console = new ConsoleClient("http://127.0.0.1:" + port);
    console.signIn(ADMIN_TOKEN);
    expect(console, "/console/usage", "Older calls");
    expect(console, "/console/usage?accountId=" + account, meter, "Older calls");
    expect(console, "/console/usage?accountId=" + account + "&meter=" + meter + "-mini&apiKeyId=" + keyId, meter + "-mini",
        "Older calls");
    expect(console, "/console/reports?accountId=" + account, meter + "-mini", "meter-table-chart");
    expect(console, "/console/reports", meter, "key-table");
    expect(console, "/console/accounts/" + account, keyId, "Live holds");
    expect(console, "/console/accounts", "Accounts", "<table");
    expect(console, "/console/pricing", "Pricing", "Add a price version");
    expect(console, "/console/packages", "Catalog", "Plans");
    expect(console, "/console/codes", "Redemption codes", "Create codes");
    expect(console, "/console/reconciliation?run=1&rootId=" + account, "Balanced", "entries checked");
  }

  /** Logs the plan's first line and its execution time: proof that an index is used. */
  private void plan(String what, String sql) {
    List<String> lines = jdbc.sql("EXPLAIN ANALYZE " + sql).query(String.class).list();
    log.info("plan of {}: {} | {}", what, lines.get(0).trim(), lines.get(lines.size() - 1).trim());
  }

  private static void expect(ConsoleClient console, String path, String... contents) {
    for (int i = 0; i < WARM_UPS; i++) {
      console.get(path); // the first renders compile the template and warm the JIT
    }
    long[] micros = new long[MEASURED];
    ConsoleClient.Page page = null;
    for (int i = 0; i < MEASURED; i++) {
      long started = System.nanoTime();
      page = console.get(path);
      micros[i] = (System.nanoTime() - started) / 1_000;
    }
    Arrays.sort(micros);
    log.info("console page {} rendered in median {} ms, max {} ms ({} bytes, load average {})",
        path.replaceAll("=[^&]+", "=…"), micros[MEASURED / 2] / 1000.0, micros[MEASURED - 1] / 1000.0,
        page.body().length(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    assertThat(page.status()).as(path).isEqualTo(200);
    assertThat(page.body()).as(path).contains(contents);
  }
}
