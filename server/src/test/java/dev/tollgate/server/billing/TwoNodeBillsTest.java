package dev.tollgate.server.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.TollgateApplication;
import dev.tollgate.server.support.Api;
import dev.tollgate.server.support.ServerTest;
import dev.tollgate.server.support.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 6: moving the clock across a month boundary bills each month exactly once, also when two
 * Tollgate nodes (each with its own pool and its own job) run the monthly job at the same moment.
 */
class TwoNodeBillsTest extends ServerTest {
  private static ConfigurableApplicationContext second;

  @Autowired MonthlyBillsJob job;
  @Autowired JdbcClient jdbc;

  @BeforeAll
  static void startSecondNode() {
    second = new SpringApplicationBuilder(TollgateApplication.class).run(
        "--server.port=0",
        "--tollgate.db.url=" + TestDatabase.jdbcUrl(),
        "--tollgate.db.user=postgres",
        "--tollgate.db.password=" + TestDatabase.password(),
        "--tollgate.admin-token=" + ADMIN_TOKEN,
        "--tollgate.test-clock=true",
        "--tollgate.jobs.enabled=false",
        "--logging.structured.format.console=");
  }

  @AfterAll
  static void stopSecondNode() {
    if (second != null) {
      second.close();
    }
  }

  @AfterEach
  void backToTheSystemClock() {
    api().delete("/v1/test/clock");
    secondApi().delete("/v1/test/clock");
  }

  private Api secondApi() {
    int port = ((WebServerApplicationContext) second).getWebServer().getPort();
    return new Api("http://127.0.0.1:" + port, ADMIN_TOKEN);
  }

  /** Both nodes' business clocks, as an operator's NTP would keep them. */
  private void clock(String instant) {
    for (Api node : List.of(api(), secondApi())) {
      Api.Response r = node.put("/v1/test/clock", "{\"now\":\"" + instant + "\"}");
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }
  }

  private void ok(Api.Response r, int status) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
  }

  @Test
  void theSeed004BillOf10000DollarsIsIssuedOnceWhenBothNodesRunTheMonthlyJobAcrossTheMonthBoundary() throws Exception {
    clock("2026-10-01T00:00:00Z");
    String account = uniqueId("two-node-bill");
    ok(api().post("/v1/accounts", "{\"id\":\"" + account + "\",\"name\":\"" + account + "\",\"timezone\":\"UTC\"}"), 201);
    ok(api().put("/v1/accounts/" + account + "/settings", "{\"postpaidEnabled\":true}"), 200);
    String meter = uniqueId("image-style-transfer");
    ok(api().put("/v1/prices/" + meter, "{\"mode\":\"unit\",\"currency\":\"USD\",\"unitName\":\"picture\","
        + "\"perUnit\":\"0.08\",\"tierMode\":\"volume\",\"monthlyTiers\":[{\"upTo\":10000,\"unitPrice\":\"0.08\"},"
        + "{\"upTo\":100000,\"unitPrice\":\"0.06\"},{\"upTo\":1000000,\"unitPrice\":\"0.05\"},"
        + "{\"upTo\":null,\"unitPrice\":\"0.04\"}]}"), 200);
    // Seed 004: 200,000 pictures accrue 16,000.00 at list price; the volume tier bills 10,000.00,
    // so issuing the bill posts one adjusting entry — the entry a second node must not post again.
    Api.Response settled = api().post("/v1/usage:batch", "{\"events\":[{\"requestId\":\"" + uniqueId("pics")
        + "\",\"accountId\":\"" + account + "\",\"meter\":\"" + meter + "\",\"status\":\"success\","
        + "\"occurredAt\":\"2026-10-15T08:00:00Z\",\"usage\":{\"units\":200000}}]}");
    ok(settled, 200);
    assertThat(settled.json().get("results").get(0).has("usageId")).as(settled.toString()).isTrue();

    MonthlyBillsJob secondJob = second.getBean(MonthlyBillsJob.class);
    // Still October: nothing is due on either node.
    job.run();
    secondJob.run();
    assertThat(bills(account)).isZero();

    for (String now : List.of("2026-11-01T00:15:00Z", "2026-11-01T00:30:00Z", "2026-11-02T00:00:00Z")) {
      clock(now);
      race(List.of(job, secondJob, job, secondJob));
    }

    assertThat(bills(account)).isEqualTo(1);
    assertThat(jdbc.sql("SELECT count(*) FROM journal_entries WHERE account_id = ? AND id LIKE 'bill%'")
        .params(account).query(Long.class).single()).isEqualTo(1);
    assertThat(jdbc.sql("SELECT coalesce(sum(amount), 0) FROM postings WHERE ledger_account = ?")
        .params("postpaid:" + account).query(Long.class).single()).isEqualTo(-10_000_000_000_000L);
    Api.Response bill = secondApi().get("/v1/accounts/" + account + "/bills/2026-10");
    ok(bill, 200);
    assertThat(bill.text("total")).isEqualTo("10000.00");
    Api.Response reconciliation = api().get("/v1/ledger/reconciliation?rootId=" + account);
    assertThat(reconciliation.json().get("balanced").asBoolean()).as(reconciliation.toString()).isTrue();
  }

  private long bills(String account) {
    return jdbc.sql("SELECT count(*) FROM bills WHERE account_id = ?").params(account).query(Long.class).single();
  }

  private static void race(List<MonthlyBillsJob> runs) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(runs.size());
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> started = new ArrayList<>();
      for (MonthlyBillsJob run : runs) {
        started.add(pool.submit(() -> {
          start.await();
          run.run();
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : started) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
