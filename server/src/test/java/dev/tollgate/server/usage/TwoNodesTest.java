package dev.tollgate.server.usage;

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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A second Tollgate node on the same database, as in a scaled-out deployment: no node holds
 * authority over balances in memory, so racing calls through both nodes admit exactly what the
 * credit covers.
 */
class TwoNodesTest extends ServerTest {
  private static ConfigurableApplicationContext second;

  @BeforeAll
  static void startSecondNode() {
    // Command-line arguments, not default properties: application.yaml's mappings of the
    // environment would win over defaults and embed a second PostgreSQL.
    second = new SpringApplicationBuilder(TollgateApplication.class).run(
        "--server.port=0",
        "--tollgate.db.url=" + TestDatabase.jdbcUrl(),
        "--tollgate.db.user=postgres",
        "--tollgate.db.password=" + TestDatabase.password(),
        "--tollgate.admin-token=" + ADMIN_TOKEN,
        "--logging.structured.format.console=");
  }

  @AfterAll
  static void stopSecondNode() {
    if (second != null) {
      second.close();
    }
  }

  private Api secondApi() {
    int port = ((WebServerApplicationContext) second).getWebServer().getPort();
    return new Api("http://127.0.0.1:" + port, ADMIN_TOKEN);
  }

  @Test
  void admitsExactlyWhatTheCreditCoversWhenCallsRaceThroughTwoNodes() throws Exception {
    HotPathFixture a = new HotPathFixture(api());
    HotPathFixture b = new HotPathFixture(secondApi());
    String meter = uniqueId("two-nodes");
    a.price(meter, "{\"mode\":\"call\",\"currency\":\"USD\",\"perCall\":\"1.00\"}");
    Thread.sleep(1_100); // the other node sees a price within its one-second revision check
    ExecutorService pool = Executors.newFixedThreadPool(64);
    try {
      for (int round = 0; round < 10; round++) {
        String acct = a.account(uniqueId("shared"));
        a.credit(acct, "10.00");
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> pairs = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
          HotPathFixture node = i % 2 == 0 ? a : b;
          HotPathFixture other = i % 2 == 0 ? b : a;
          String request = "n" + i;
          pairs.add(pool.submit(() -> {
            start.await();
            Api.Response auth = node.authorize("{\"requestId\":\"" + request + "\",\"accountId\":\"" + acct
                + "\",\"meter\":\"" + meter + "\",\"estimate\":{\"calls\":1}}");
            if (auth.status() != 200) {
              assertThat(auth.code()).as(auth.toString()).isEqualTo("insufficient_credit");
              return false;
            }
            // Settled through the other node, and replayed through the first: charged once.
            String settle = "{\"requestId\":\"" + request + "\",\"accountId\":\"" + acct + "\",\"meter\":\"" + meter
                + "\",\"status\":\"success\"}";
            Api.Response settled = other.settle(settle);
            assertThat(settled.status()).as(settled.toString()).isEqualTo(200);
            assertThat(node.settle(settle).body()).isEqualTo(settled.body());
            return true;
          }));
        }
        start.countDown();
        int admitted = 0;
        for (Future<Boolean> pair : pairs) {
          admitted += pair.get() ? 1 : 0;
        }
        assertThat(admitted).as("round " + round).isEqualTo(10);
        assertThat(a.wallet(acct)).isEqualTo("0.00");
        assertThat(b.wallet(acct)).isEqualTo("0.00");
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(a.reconciled()).isTrue();
  }

  @Test
  void aTopUpOnAnotherNodeReachesACallerThisNodeRemembersAsBrokeWithinTheMemorysLifetime() throws Exception {
    HotPathFixture a = new HotPathFixture(api());
    HotPathFixture b = new HotPathFixture(secondApi());
    String meter = uniqueId("remembered-two-nodes");
    a.price(meter, "{\"mode\":\"call\",\"currency\":\"USD\",\"perCall\":\"1.00\"}");
    String acct = a.account(uniqueId("broke-then-paid"));
    String body = "{\"requestId\":\"%s\",\"accountId\":\"" + acct + "\",\"meter\":\"" + meter
        + "\",\"estimate\":{\"calls\":1}}";
    assertThat(a.authorize(body.formatted("before")).code()).isEqualTo("insufficient_credit");

    b.credit(acct, "5.00"); // node A sees no write of its own
    Thread.sleep(RefusalMemory.TTL_MS + 100);
    Api.Response admitted = a.authorize(body.formatted("after"));
    assertThat(admitted.status()).as(admitted.toString()).isEqualTo(200);
  }
}
