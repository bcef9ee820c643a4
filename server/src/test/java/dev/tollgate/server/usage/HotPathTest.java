package dev.tollgate.server.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.Api;
import dev.tollgate.server.support.ServerTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class HotPathTest extends ServerTest {

  private HotPathFixture fx() {
    return new HotPathFixture(api());
  }

  @Test
  void authorisesWithAKeyThenSettlesAgainstTheHoldAndBurnsTheGrantFirst() {
    HotPathFixture fx = fx();
    String meter = uniqueId("gpt");
    fx.price(meter, "{\"mode\":\"token\",\"currency\":\"USD\",\"inputPer1M\":\"2.50\",\"outputPer1M\":\"10.00\"}");
    String acct = fx.account(uniqueId("acme"));
    String grant = fx.grant(acct, "{\"kind\":\"free\",\"denomination\":\"money\",\"amount\":\"0.01\"}");
    fx.credit(acct, "5.00");
    String key = fx.key(acct);

    Api.Response auth = fx.authorize("{\"requestId\":\"r1\",\"apiKey\":\"" + key + "\",\"meter\":\"" + meter
        + "\",\"estimate\":{\"inputTokens\":1000,\"outputTokens\":1000}}");
    assertThat(auth.status()).as(auth.toString()).isEqualTo(200);
    assertThat(auth.text("heldAmount")).isEqualTo("0.0125");
    assertThat(auth.json().get("settings").get("contentModeration").asBoolean()).isTrue();

    Api.Response settled = fx.settle("{\"requestId\":\"r1\",\"holdId\":\"" + auth.text("holdId") + "\",\"apiKey\":\"" + key
        + "\",\"meter\":\"" + meter + "\",\"status\":\"success\",\"usage\":{\"inputTokens\":2000,\"outputTokens\":1000}}");
    assertThat(settled.status()).as(settled.toString()).isEqualTo(200);
    // 2,000 × 2.50/1M + 1,000 × 10.00/1M = 0.005 + 0.01 = 0.015
    assertThat(settled.text("amount")).isEqualTo("0.015");
    JsonNode charges = settled.json().get("charges");
    assertThat(charges.get(0).get("source").asString()).isEqualTo("grant");
    assertThat(charges.get(0).get("grantId").asString()).isEqualTo(grant);
    assertThat(charges.get(0).get("amount").asString()).isEqualTo("0.01");
    assertThat(charges.get(1).get("source").asString()).isEqualTo("wallet");
    assertThat(charges.get(1).get("amount").asString()).isEqualTo("0.005");
    assertThat(fx.wallet(acct)).isEqualTo("4.995");
    assertThat(fx.reconciled()).isTrue();
  }

  @Test
  void answersAReplayByteForByteAndChargesNothing() throws Exception {
    HotPathFixture fx = fx();
    String meter = uniqueId("call");
    fx.price(meter, "{\"mode\":\"call\",\"currency\":\"USD\",\"perCall\":\"0.10\"}");
    String acct = fx.account(uniqueId("replay"));
    fx.credit(acct, "1.00");
    String body = "{\"requestId\":\"same\",\"accountId\":\"" + acct + "\",\"meter\":\"" + meter + "\",\"status\":\"success\"}";
    Api.Response first = fx.settle(body);
    assertThat(first.status()).isEqualTo(200);

    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Api.Response>> replays = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        replays.add(pool.submit(() -> fx.settle(body)));
      }
      for (Future<Api.Response> replay : replays) {
        assertThat(replay.get().body()).isEqualTo(first.body());
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(fx.wallet(acct)).isEqualTo("0.90");
  }

  @Test
  void chargesNothingForAFailedCallAndReleasesItsHold() {
    HotPathFixture fx = fx();
    String meter = uniqueId("img");
    fx.price(meter, "{\"mode\":\"unit\",\"currency\":\"USD\",\"unitName\":\"picture\",\"perUnit\":\"0.08\",\"concurrencyDefault\":1}");
    String acct = fx.account(uniqueId("fail"));
    fx.credit(acct, "1.00");
    Api.Response auth = fx.authorize("{\"requestId\":\"f1\",\"accountId\":\"" + acct + "\",\"meter\":\"" + meter + "\",\"estimate\":{\"units\":1}}");
    assertThat(auth.status()).isEqualTo(200);
    Api.Response busy = fx.authorize("{\"requestId\":\"f2\",\"accountId\":\"" + acct + "\",\"meter\":\"" + meter + "\",\"estimate\":{\"units\":1}}");
    assertThat(busy.status()).isEqualTo(429);
    assertThat(busy.code()).isEqualTo("concurrency_limit");

    Api.Response failed = fx.settle("{\"requestId\":\"f1\",\"accountId\":\"" + acct + "\",\"meter\":\"" + meter
        + "\",\"status\":\"failed\",\"usage\":{\"units\":1}}");
    assertThat(failed.status()).isEqualTo(200);
    assertThat(failed.text("amount")).isEqualTo("0.00");
    assertThat(failed.json().get("charges").size()).isZero();
    assertThat(fx.wallet(acct)).isEqualTo("1.00");
    // The slot is free again.
    assertThat(fx.authorize("{\"requestId\":\"f3\",\"accountId\":\"" + acct + "\",\"meter\":\"" + meter + "\"}").status()).isEqualTo(200);
  }

  @Test
  void refusesWhatMayNotRunWithTheCodesOfTheContract() {
    HotPathFixture fx = fx();
    String meter = uniqueId("m");
    fx.price(meter, "{\"mode\":\"call\",\"currency\":\"USD\",\"perCall\":\"1.00\"}");
    String acct = fx.account(uniqueId("refuse"));

    Api.Response badKey = fx.authorize("{\"requestId\":\"a\",\"apiKey\":\"tg_nope\",\"meter\":\"" + meter + "\"}");
    assertThat(badKey.status()).isEqualTo(401);
    assertThat(badKey.code()).isEqualTo("invalid_api_key");

    Api.Response noPrice = fx.authorize("{\"requestId\":\"b\",\"accountId\":\"" + acct + "\",\"meter\":\"" + uniqueId("unpriced") + "\"}");
    assertThat(noPrice.status()).isEqualTo(422);
    assertThat(noPrice.code()).isEqualTo("price_missing");

    Api.Response broke = fx.authorize("{\"requestId\":\"c\",\"accountId\":\"" + acct + "\",\"meter\":\"" + meter + "\",\"estimate\":{\"calls\":1}}");
    assertThat(broke.status()).isEqualTo(402);
    assertThat(broke.code()).isEqualTo("insufficient_credit");

    api().patch("/v1/accounts/" + acct, "{\"status\":\"suspended\"}");
    Api.Response suspended = fx.authorize("{\"requestId\":\"d\",\"accountId\":\"" + acct + "\",\"meter\":\"" + meter + "\"}");
    assertThat(suspended.status()).isEqualTo(403);
    assertThat(suspended.code()).isEqualTo("account_suspended");

    Api.Response nobody = fx.authorize("{\"requestId\":\"e\",\"accountId\":\"nobody-" + uniqueId("x") + "\",\"meter\":\"" + meter + "\"}");
    assertThat(nobody.status()).isEqualTo(404);
    assertThat(nobody.code()).isEqualTo("account_not_found");

    Api.Response both = fx.authorize("{\"requestId\":\"f\",\"accountId\":\"" + acct + "\",\"apiKey\":\"x\",\"meter\":\"" + meter + "\"}");
    assertThat(both.status()).isEqualTo(422);
    assertThat(both.code()).isEqualTo("caller_invalid");
  }

  @Test
  void startsTheWalletOfAnAccountThatHadNoneWithItsFirstDebtThenAddsTheNextToIt() {
    HotPathFixture fx = fx();
    String meter = uniqueId("nowallet");
    fx.price(meter, "{\"mode\":\"call\",\"currency\":\"USD\",\"perCall\":\"1.00\"}");
    // Only a grant: no wallet row until a settle books what the grant does not cover.
    String acct = fx.account(uniqueId("granted"));
    fx.grant(acct, "{\"kind\":\"promo\",\"denomination\":\"money\",\"amount\":\"0.25\",\"effectiveAt\":\"2026-01-01T00:00:00Z\"}");
    String settle = "{\"requestId\":\"%s\",\"accountId\":\"" + acct + "\",\"meter\":\"" + meter
        + "\",\"status\":\"success\"}";
    assertThat(fx.settle(settle.formatted("w1")).status()).isEqualTo(200);
    assertThat(fx.wallet(acct)).isEqualTo("-0.75");
    assertThat(fx.settle(settle.formatted("w2")).status()).isEqualTo(200);
    assertThat(fx.wallet(acct)).isEqualTo("-1.75");
    assertThat(fx.reconciled()).isTrue();
  }

  @Test
  void recordsServedUsageInFullEvenWhenItLeavesADebtThatBlocksTheNextCall() {
    HotPathFixture fx = fx();
    String meter = uniqueId("debt");
    fx.price(meter, "{\"mode\":\"call\",\"currency\":\"USD\",\"perCall\":\"1.00\"}");
    String acct = fx.account(uniqueId("debtor"));
    fx.credit(acct, "0.40");
    Api.Response settled = fx.settle("{\"requestId\":\"d1\",\"accountId\":\"" + acct + "\",\"meter\":\"" + meter + "\",\"status\":\"success\"}");
    assertThat(settled.status()).isEqualTo(200);
    assertThat(settled.text("amount")).isEqualTo("1.00");
    assertThat(fx.wallet(acct)).isEqualTo("-0.60");
    Api.Response next = fx.authorize("{\"requestId\":\"d2\",\"accountId\":\"" + acct + "\",\"meter\":\"" + meter + "\"}");
    assertThat(next.status()).isEqualTo(402);
    assertThat(next.code()).isEqualTo("insufficient_credit");
    assertThat(fx.reconciled()).isTrue();
  }

  @Test
  void burnsFiftyFreePicturesThenGoesPostpaidAsTheImageApiBills() {
    HotPathFixture fx = fx();
    String meter = uniqueId("image-style-transfer");
    fx.price(meter, "{\"mode\":\"unit\",\"currency\":\"USD\",\"unitName\":\"picture\",\"perUnit\":\"0.08\"}");
    String acct = fx.account(uniqueId("painter"));
    api().put("/v1/accounts/" + acct + "/settings", "{\"postpaidEnabled\":true}");
    String free = fx.grant(acct, "{\"kind\":\"free\",\"denomination\":\"units\",\"meters\":[\"" + meter + "\"],\"amount\":\"50\"}");
    Api.Response settled = fx.settle("{\"requestId\":\"p1\",\"accountId\":\"" + acct + "\",\"meter\":\"" + meter
        + "\",\"status\":\"success\",\"usage\":{\"units\":60}}");
    assertThat(settled.status()).as(settled.toString()).isEqualTo(200);
    JsonNode charges = settled.json().get("charges");
    assertThat(charges.get(0).get("grantId").asString()).isEqualTo(free);
    assertThat(charges.get(0).get("units").asLong()).isEqualTo(50);
    assertThat(charges.get(1).get("source").asString()).isEqualTo("postpaid");
    assertThat(charges.get(1).get("units").asLong()).isEqualTo(10);
    assertThat(charges.get(1).get("amount").asString()).isEqualTo("0.80");
    assertThat(fx.reconciled()).isTrue();
  }

  @Test
  void settlesABatchOfEventsAnsweringEachInOrder() {
    HotPathFixture fx = fx();
    String meter = uniqueId("batch");
    fx.price(meter, "{\"mode\":\"call\",\"currency\":\"USD\",\"perCall\":\"0.01\"}");
    String acct = fx.account(uniqueId("batcher"));
    fx.credit(acct, "1.00");
    String ok = "{\"requestId\":\"%s\",\"accountId\":\"" + acct + "\",\"meter\":\"" + meter + "\",\"status\":\"success\"}";
    Api.Response batch = api().post("/v1/usage:batch", "{\"events\":[" + ok.formatted("b1") + ","
        + "{\"requestId\":\"b2\",\"accountId\":\"" + acct + "\",\"meter\":\"" + meter + "\",\"status\":\"maybe\"}," + ok.formatted("b3") + "]}");
    assertThat(batch.status()).isEqualTo(200);
    JsonNode results = batch.json().get("results");
    assertThat(results.size()).isEqualTo(3);
    assertThat(results.get(0).get("requestId").asString()).isEqualTo("b1");
    assertThat(results.get(1).get("code").asString()).isEqualTo("status_invalid");
    assertThat(results.get(2).get("requestId").asString()).isEqualTo("b3");
    assertThat(fx.wallet(acct)).isEqualTo("0.98");
  }

  @Test
  void refusesABatchOfMoreThanAThousandEvents() {
    String event = "{\"requestId\":\"x\",\"accountId\":\"a\",\"meter\":\"m\",\"status\":\"success\"}";
    Api.Response response = api().post("/v1/usage:batch", "{\"events\":[" + String.join(",", java.util.Collections.nCopies(1001, event)) + "]}");
    assertThat(response.status()).isEqualTo(422);
    assertThat(response.code()).isEqualTo("too_many_events");
  }

  @Test
  void admitsExactlyTheCallsTheCreditCoversWhenSixtyFourRace() throws Exception {
    HotPathFixture fx = fx();
    String meter = uniqueId("race");
    fx.price(meter, "{\"mode\":\"call\",\"currency\":\"USD\",\"perCall\":\"1.00\"}");
    ExecutorService pool = Executors.newFixedThreadPool(64);
    try {
      for (int round = 0; round < 100; round++) {
        String acct = fx.account(uniqueId("race"));
        fx.credit(acct, "10.00");
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> pairs = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
          String request = "q" + i;
          pairs.add(pool.submit(() -> {
            start.await();
            Api.Response auth = fx.authorize("{\"requestId\":\"" + request + "\",\"accountId\":\"" + acct + "\",\"meter\":\""
                + meter + "\",\"estimate\":{\"calls\":1}}");
            if (auth.status() != 200) {
              assertThat(auth.code()).isEqualTo("insufficient_credit");
              return false;
            }
            Api.Response settle = fx.settle("{\"requestId\":\"" + request + "\",\"holdId\":\"" + auth.text("holdId")
                + "\",\"accountId\":\"" + acct + "\",\"meter\":\"" + meter + "\",\"status\":\"success\"}");
            assertThat(settle.status()).isEqualTo(200);
            return true;
          }));
        }
        start.countDown();
        int admitted = 0;
        for (Future<Boolean> pair : pairs) {
          admitted += pair.get() ? 1 : 0;
        }
        assertThat(admitted).as("round " + round).isEqualTo(10);
        assertThat(fx.wallet(acct)).as("round " + round).isEqualTo("0.00");
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(fx.reconciled()).isTrue();
  }

  @Test
  void replayingEveryRequestOfARunFromEightClientsAddsNoCharge() throws Exception {
    HotPathFixture fx = fx();
    String meter = uniqueId("replay-run");
    fx.price(meter, "{\"mode\":\"call\",\"currency\":\"USD\",\"perCall\":\"0.01\"}");
    String acct = fx.account(uniqueId("replayer"));
    fx.credit(acct, "10.00");
    List<String> bodies = new ArrayList<>();
    List<String> firstAnswers = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String body = "{\"requestId\":\"run-" + i + "\",\"accountId\":\"" + acct + "\",\"meter\":\"" + meter
          + "\",\"status\":\"success\"}";
      bodies.add(body);
      firstAnswers.add(fx.settle(body).body());
    }
    assertThat(fx.wallet(acct)).isEqualTo("8.00");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> replays = new ArrayList<>();
      for (int client = 0; client < 8; client++) {
        replays.add(pool.submit(() -> {
          for (int i = 0; i < bodies.size(); i++) {
            assertThat(fx.settle(bodies.get(i)).body()).isEqualTo(firstAnswers.get(i));
          }
          return true;
        }));
      }
      for (Future<Boolean> replay : replays) {
        assertThat(replay.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(fx.wallet(acct)).isEqualTo("8.00");
    assertThat(api().get("/v1/reports/usage?accountId=" + acct + "&groupBy=meter").json().get("items").get(0)
        .get("calls").asLong()).isEqualTo(200);
  }
}
