package dev.tollgate.server.credit.packages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.Api;
import dev.tollgate.server.support.ServerTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** Seed 004's resource packages, bought, used, refunded and advised over HTTP. */
class ImagePackagesTest extends ServerTest {
  private static final String T0 = "2026-11-02T10:00:00Z";

  @AfterEach
  void backToTheSystemClock() {
    api().delete("/v1/test/clock");
  }

  /** The seed's table: 1k 75, 10k 550, 100k 4,500, 1M 30,000, 10M 200,000 USD, a year, 7 days. */
  private String catalog(PackageFixture fx) {
    // Prices take effect at the clock's now: start before the scenarios' purchases.
    fx.clock("2026-11-01T00:00:00Z");
    String meter = uniqueId("image-style-transfer");
    fx.price(meter, "{\"mode\":\"unit\",\"currency\":\"USD\",\"unitName\":\"picture\",\"perUnit\":\"0.08\"}");
    String[][] rows = {{"1k", "1000", "75"}, {"10k", "10000", "550"}, {"100k", "100000", "4500"},
        {"1m", "1000000", "30000"}, {"10m", "10000000", "200000"}};
    for (String[] row : rows) {
      fx.packageOf(meter + "-" + row[0], "{\"name\":\"" + row[0] + " pics\",\"kind\":\"prepaid\",\"meters\":[\"" + meter
          + "\"],\"denomination\":\"units\",\"amount\":\"" + row[1] + "\",\"price\":\"" + row[2]
          + "\",\"currency\":\"USD\",\"validity\":\"P1Y\",\"refundableDays\":7}");
    }
    return meter;
  }

  @ParameterizedTest(name = "{0} pictures a year → {1} USD")
  @CsvSource({
    "30000,    1650.00, 10k:3",
    "1000,     75.00,   1k:1",
    "1001,     150.00,  1k:2",
    "9000,     550.00,  10k:1",
    "100000,   4500.00, 100k:1",
  })
  void advisesTheCheapestPackagesForTheExpectedPictures(long expected, String total, String mix) {
    PackageFixture fx = new PackageFixture(api());
    String meter = catalog(fx);
    Api.Response r = api().post("/v1/packages:advise", "{\"meter\":\"" + meter + "\",\"expectedUnits\":" + expected + "}");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.text("total")).isEqualTo(total);
    assertThat(r.text("currency")).isEqualTo("USD");
    String[] parts = mix.split(":");
    JsonNode line = r.json().get("packages").get(0);
    assertThat(line.get("id").asString()).isEqualTo(meter + "-" + parts[0]);
    assertThat(line.get("count").asLong()).isEqualTo(Long.parseLong(parts[1]));
    assertThat(r.json().get("unitsCovered").asLong()).isGreaterThanOrEqualTo(expected);
  }

  @Test
  void refusesAdviceWithTheAdvisorsCodes() {
    PackageFixture fx = new PackageFixture(api());
    String meter = catalog(fx);
    assertThat(api().post("/v1/packages:advise", "{\"meter\":\"" + meter + "\",\"expectedUnits\":0}").code())
        .isEqualTo("expected_units_invalid");
    assertThat(api().post("/v1/packages:advise", "{\"meter\":\"" + uniqueId("none") + "\",\"expectedUnits\":5}").code())
        .isEqualTo("no_packages");
    assertThat(api().post("/v1/packages:advise", "{\"meter\":\"" + meter + "\",\"expectedUnits\":9000000000000}").code())
        .isEqualTo("expected_units_too_large");
    assertThat(api().post("/v1/packages:advise", "{\"expectedUnits\":5}").code()).isEqualTo("missing_field");
  }

  @Test
  void buysThreeTenThousandPackagesAsThirtyThousandPicturesCoveringOnlyLaterCalls() {
    PackageFixture fx = new PackageFixture(api());
    String meter = catalog(fx);
    String studio = fx.account(uniqueId("studio"));
    fx.credit(studio, "2000.00");
    fx.clock(T0);

    Api.Response bought = fx.buy(studio, meter + "-10k", 3, "k1");
    assertThat(bought.status()).as(bought.toString()).isEqualTo(201);
    assertThat(bought.text("amount")).isEqualTo("1650.00");
    assertThat(bought.text("id")).startsWith("pur_");
    assertThat(bought.json().get("quantity").asInt()).isEqualTo(3);
    JsonNode grant = bought.json().get("grants").get(0);
    assertThat(bought.json().get("grants")).hasSize(1);
    assertThat(grant.get("amount").asString()).isEqualTo("30000");
    assertThat(grant.get("kind").asString()).isEqualTo("prepaid");
    assertThat(grant.get("effectiveAt").asString()).isEqualTo(T0);
    assertThat(grant.get("expiresAt").asString()).isEqualTo("2027-11-02T10:00:00Z");
    assertThat(fx.balance(studio).get("wallet").asString()).isEqualTo("350.00");

    // A call made before the purchase is not covered by it: the wallet pays.
    Api.Response before = fx.settle(studio, meter, "early", "2026-11-02T09:00:00Z");
    assertThat(before.status()).as(before.toString()).isEqualTo(200);
    assertThat(before.json().get("charges").get(0).get("source").asString()).isEqualTo("wallet");
    Api.Response after = fx.settle(studio, meter, "late", null);
    assertThat(after.json().get("charges").get(0).get("grantId").asString()).isEqualTo(grant.get("id").asString());
    assertThat(fx.reconciled()).isTrue();
  }

  @Test
  void refundsAnUnusedPackageWithinSevenDaysOnlyOnce() {
    PackageFixture fx = new PackageFixture(api());
    String meter = catalog(fx);
    String studio = fx.account(uniqueId("refund"));
    fx.credit(studio, "600.00");
    fx.clock(T0);
    JsonNode purchase = fx.bought(studio, meter + "-10k", 1);
    fx.clock("2026-11-09T09:59:59Z");

    Api.Response refunded = fx.refund(purchase.get("id").asString());
    assertThat(refunded.status()).as(refunded.toString()).isEqualTo(200);
    assertThat(refunded.text("status")).isEqualTo("refunded");
    assertThat(refunded.json().get("grants").get(0).get("status").asString()).isEqualTo("invalid");
    assertThat(refunded.json().get("grants").get(0).get("remaining").asString()).isEqualTo("0");
    assertThat(fx.balance(studio).get("wallet").asString()).isEqualTo("600.00");
    assertThat(fx.refund(purchase.get("id").asString()).code()).isEqualTo("refund_not_allowed");
    assertThat(fx.reconciled()).isTrue();
  }

  @Test
  void refusesToRefundAPackageOnceAPictureWasBurnt() {
    PackageFixture fx = new PackageFixture(api());
    String meter = catalog(fx);
    String studio = fx.account(uniqueId("used"));
    fx.credit(studio, "75.00");
    fx.clock(T0);
    JsonNode purchase = fx.bought(studio, meter + "-1k", 1);
    assertThat(fx.settle(studio, meter, "one", null).status()).isEqualTo(200);
    Api.Response refused = fx.refund(purchase.get("id").asString());
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.code()).isEqualTo("refund_not_allowed");
    assertThat(fx.balance(studio).get("wallet").asString()).isEqualTo("0.00");
  }

  @Test
  void refusesToRefundOnTheEighthDay() {
    PackageFixture fx = new PackageFixture(api());
    String meter = catalog(fx);
    String studio = fx.account(uniqueId("late"));
    fx.credit(studio, "75.00");
    fx.clock(T0);
    JsonNode purchase = fx.bought(studio, meter + "-1k", 1);
    fx.clock("2026-11-09T10:00:00Z");
    assertThat(fx.refund(purchase.get("id").asString()).code()).isEqualTo("refund_not_allowed");
    assertThat(fx.refund("pur_nope").code()).isEqualTo("purchase_not_found");
  }

  @Test
  void fiftyParallelPurchasesWithOneKeyBuyOnceAndDebitOnce() throws Exception {
    PackageFixture fx = new PackageFixture(api());
    String meter = catalog(fx);
    String studio = fx.account(uniqueId("race"));
    fx.credit(studio, "1000.00");
    String key = UUID.randomUUID().toString();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<Api.Response>> answers = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        answers.add(pool.submit(() -> fx.buy(studio, meter + "-1k", 2, key)));
      }
      List<String> ids = new ArrayList<>();
      int created = 0;
      for (Future<Api.Response> f : answers) {
        Api.Response r = f.get();
        assertThat(r.status()).as(r.toString()).isIn(200, 201);
        created += r.status() == 201 ? 1 : 0;
        ids.add(r.text("id"));
      }
      assertThat(created).isEqualTo(1);
      assertThat(ids).containsOnly(ids.get(0));
    } finally {
      pool.shutdownNow();
    }
    assertThat(fx.balance(studio).get("wallet").asString()).isEqualTo("850.00");
    assertThat(fx.buy(studio, meter + "-1k", 3, key).code()).isEqualTo("idempotency_key_mismatch");
    assertThat(fx.reconciled()).isTrue();
  }

  @Test
  void aRefundAndABurnOfOnePackageNeverBothSucceed() throws Exception {
    PackageFixture fx = new PackageFixture(api());
    String meter = catalog(fx);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 6; round++) {
        String studio = fx.account(uniqueId("race" + round));
        fx.credit(studio, "80.00");
        JsonNode purchase = fx.bought(studio, meter + "-1k", 1);
        String grantId = purchase.get("grants").get(0).get("id").asString();
        Callable<Api.Response> refund = () -> fx.refund(purchase.get("id").asString());
        Callable<Api.Response> burn = () -> fx.settle(studio, meter, "r" + UUID.randomUUID(), null);
        Future<Api.Response> refunded = round % 2 == 0 ? pool.submit(refund) : null;
        Future<Api.Response> settled = pool.submit(burn);
        if (refunded == null) {
          refunded = pool.submit(refund);
        }
        boolean refundWon = refunded.get().status() == 200;
        JsonNode charge = settled.get().json().get("charges").get(0);
        boolean burnUsedPackage = grantId.equals(charge.path("grantId").asString(null));
        assertThat(refundWon ^ burnUsedPackage).as("round %d: refund %s, charge %s", round, refunded.get(), charge).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(fx.reconciled()).isTrue();
  }

  @Test
  void refusesAPurchaseTheWalletDoesNotCover() {
    PackageFixture fx = new PackageFixture(api());
    String meter = catalog(fx);
    String studio = fx.account(uniqueId("poor"));
    fx.credit(studio, "74.99");
    Api.Response r = fx.buy(studio, meter + "-1k", 1, "k");
    assertThat(r.status()).isEqualTo(402);
    assertThat(r.code()).isEqualTo("insufficient_credit");
    assertThat(fx.balance(studio).get("wallet").asString()).isEqualTo("74.99");
    assertThat(fx.balance(studio).get("grants")).isEmpty();
  }

  @Test
  void buysAtMostAThousandPackagesAtOnce() {
    PackageFixture fx = new PackageFixture(api());
    String cheap = fx.packageOf(uniqueId("cheap"), """
        {"name":"cheap","kind":"prepaid","denomination":"money","amount":"1.00","price":"0.01","currency":"USD",
         "validity":"P1M"}""");
    String acct = fx.account(uniqueId("bulk"));
    fx.credit(acct, "20.00");
    assertThat(fx.buy(acct, cheap, 1000, "a").status()).isEqualTo(201);
    assertThat(fx.buy(acct, cheap, 1001, "b").code()).isEqualTo("quantity_invalid");
    assertThat(fx.buy(acct, cheap, 0, "c").code()).isEqualTo("quantity_invalid");
    assertThat(fx.buy(acct, "nope-" + UUID.randomUUID(), 1, "d").code()).isEqualTo("package_not_found");
    assertThat(fx.buy("nobody-" + UUID.randomUUID(), cheap, 1, "e").code()).isEqualTo("account_not_found");
    assertThat(api().post("/v1/accounts/" + acct + "/purchases", "{\"packageId\":\"" + cheap + "\"}").code())
        .isEqualTo("missing_field");
    assertThat(fx.buy(acct, cheap, 1, "x".repeat(129)).code()).isEqualTo("idempotency_key_invalid");
    assertThat(fx.balance(acct).get("wallet").asString()).isEqualTo("10.00");
  }
}
