package dev.tollgate.server.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.billing.BillingMonth;
import dev.tollgate.server.support.Api;
import dev.tollgate.server.support.ServerTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Monthly bills over HTTP against the real database, with the test clock moved across month
 * boundaries and the jobs called directly (the scheduler is off in tests).
 *
 * <p>Usage is settled through {@code POST /v1/usage:batch} with events of 1,000 pictures each
 * (a unit-mode meter counts pictures, not events): "200,000 calls" are 200 events of 1,000
 * pictures, "10,000 calls" 10 events of 1,000. The bill depends on the month's postpaid pictures
 * only, so this is the seed's month, settled in fewer requests.
 */
class BillsTest extends ServerTest {
  private static final String IMAGE_TIERS = """
      "monthlyTiers":[{"upTo":10000,"unitPrice":"0.08"},{"upTo":100000,"unitPrice":"0.06"},
                      {"upTo":1000000,"unitPrice":"0.05"},{"upTo":null,"unitPrice":"0.04"}]""";

  @Autowired MonthlyBillsJob job;
  @Autowired BillRun billRun;
  @Autowired HourlyDeduction hourly;
  @Autowired JdbcClient jdbc;

  @AfterEach
  void resetClockAndSettings() {
    api().delete("/v1/test/clock");
    api().put("/v1/billing/settings", "{\"billGraceDays\":15,\"postpaidSettlement\":\"monthly\"}");
  }

  // ---- fixture, through the public API ----

  private void clock(String instant) {
    Api.Response r = api().put("/v1/test/clock", "{\"now\":\"" + instant + "\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
  }

  private String postpaidAccount(String timezone) {
    String id = uniqueId("bill");
    Api.Response r = api().post("/v1/accounts", "{\"id\":\"" + id + "\",\"name\":\"" + id + "\",\"timezone\":\"" + timezone + "\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    r = api().put("/v1/accounts/" + id + "/settings", "{\"postpaidEnabled\":true}");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return id;
  }

  /** The seed-004 image API: a unit-mode meter with monthly volume (or graduated) tiers. */
  private String imageMeter(String perUnit, String tierMode) {
    String meter = uniqueId("image-style-transfer");
    Api.Response r = api().put("/v1/prices/" + meter, "{\"mode\":\"unit\",\"currency\":\"USD\",\"unitName\":\"picture\","
        + "\"perUnit\":\"" + perUnit + "\",\"tierMode\":\"" + tierMode + "\"," + IMAGE_TIERS + "}");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return meter;
  }

  private void freePictures(String account, String meter, long pictures) {
    Api.Response r = api().post("/v1/accounts/" + account + "/grants",
        "{\"kind\":\"free\",\"denomination\":\"units\",\"meters\":[\"" + meter + "\"],\"amount\":\"" + pictures + "\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
  }

  /** Settles {@code events} calls of {@code unitsEach} units at {@code occurredAt}, in batches of 1,000 events. */
  private void settle(String account, String meter, String occurredAt, int events, long unitsEach, String usageField) {
    for (int from = 0; from < events; from += 1000) {
      StringBuilder body = new StringBuilder("{\"events\":[");
      for (int i = from; i < Math.min(events, from + 1000); i++) {
        if (i > from) {
          body.append(',');
        }
        body.append("{\"requestId\":\"").append(UUID.randomUUID()).append("\",\"accountId\":\"").append(account)
            .append("\",\"meter\":\"").append(meter).append("\",\"status\":\"success\",\"occurredAt\":\"")
            .append(occurredAt).append("\",\"usage\":{\"").append(usageField).append("\":").append(unitsEach).append("}}");
      }
      body.append("]}");
      Api.Response r = api().post("/v1/usage:batch", body.toString());
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      for (JsonNode result : r.json().get("results")) {
        assertThat(result.has("usageId")).as(result.toString()).isTrue();
      }
    }
  }

  private JsonNode bill(String account, String month) {
    Api.Response r = api().get("/v1/accounts/" + account + "/bills/" + month);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json();
  }

  private long entries(String account) {
    return jdbc.sql("SELECT count(*) FROM journal_entries WHERE account_id = ? AND id LIKE 'bill%'")
        .params(account).query(Long.class).single();
  }

  /** The receivable: negative = the customer owes it. */
  private long postpaidBalance(String account) {
    return jdbc.sql("SELECT coalesce(sum(amount), 0) FROM postings WHERE ledger_account = ?")
        .params("postpaid:" + account).query(Long.class).single();
  }

  /**
   * The account's family reconciles (journal = caches, every entry sums to zero). Scoped to the
   * family: the shared test database holds other tests' deliberately broken ledgers.
   */
  private void assertReconciled(String account) {
    Api.Response r = api().get("/v1/ledger/reconciliation?rootId=" + account);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.json().get("balanced").asBoolean()).as(r.toString()).isTrue();
  }

  private Api.Response pay(String account, String month, String body) {
    return api().post("/v1/accounts/" + account + "/bills/" + month + "/pay", body);
  }

  // ---- the seed's examples ----

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # scenario                                                          | free pictures left | events of 1,000 | accrued   | units  | unit price | total
          10,000 calls in a month with 50 free pictures left → 796.00 USD     | 50                 | 10              | 796.00    | 9950   | 0.08       | 796.00
          200,000 calls, free quota already gone → 10,000.00 USD              | 0                  | 200             | 16000.00  | 200000 | 0.05       | 10000.00
          """)
  void theJobBillsTheSeed004ExamplesOnceAfterTheMonthEnds(
      String scenario, long free, int events, String accrued, long units, String unitPrice, String total) {
    clock("2026-10-01T00:00:00Z");
    String account = postpaidAccount("UTC");
    String meter = imageMeter("0.08", "volume");
    if (free > 0) {
      freePictures(account, meter, free);
    }
    settle(account, meter, "2026-10-15T12:00:00Z", events, 1000, "units");
    clock("2026-10-20T00:00:00Z");
    assertThat(api().get("/v1/accounts/" + account + "/balance").json().get("postpaid").get("accruedThisMonth").asString())
        .isEqualTo(accrued);

    clock("2026-11-01T00:30:00Z");
    job.run();

    JsonNode bill = bill(account, "2026-10");
    assertThat(bill.get("total").asString()).isEqualTo(total);
    assertThat(bill.get("totalPrecise").asString()).isEqualTo(total);
    assertThat(bill.get("currency").asString()).isEqualTo("USD");
    assertThat(bill.get("status").asString()).isEqualTo("open");
    assertThat(bill.get("lines")).hasSize(1);
    assertThat(bill.get("lines").get(0).get("units").asLong()).isEqualTo(units);
    assertThat(bill.get("lines").get(0).get("unitPrice").asString()).isEqualTo(unitPrice);
    assertThat(bill.get("lines").get(0).get("amount").asString()).isEqualTo(total);
    assertThat(Instant.parse(bill.get("dueAt").asString())).isEqualTo(Instant.parse("2026-11-16T00:30:00Z"));
    assertThat(postpaidBalance(account)).isEqualTo(-dev.tollgate.core.money.Nanos.parse(total));
    long entriesAfterFirstRun = entries(account);
    assertReconciled(account);

    job.run();
    Api.Response again = api().post("/v1/bills:generate", "{\"month\":\"2026-10\"}");
    assertThat(again.status()).as(again.toString()).isEqualTo(200);
    assertThat(again.json().get("generated").asInt()).isZero();
    assertThat(again.json().get("existing").asInt()).isPositive();
    assertThat(bill(account, "2026-10")).isEqualTo(bill);
    assertThat(entries(account)).isEqualTo(entriesAfterFirstRun);
    assertThat(jdbc.sql("SELECT count(*) FROM outbox WHERE dedupe_key = ?").params("bill_issued:" + account + ":2026-10")
        .query(Long.class).single()).isEqualTo(1);

    // Paid from outside: the receivable is cleared; paying again changes nothing.
    Api.Response paid = pay(account, "2026-10", "{\"source\":\"external\",\"provider\":\"stripe\",\"reference\":\"pi_1\"}");
    assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
    assertThat(paid.text("status")).isEqualTo("paid");
    assertThat(postpaidBalance(account)).isZero();
    Api.Response paidAgain = pay(account, "2026-10", "{\"source\":\"external\",\"provider\":\"stripe\"}");
    assertThat(paidAgain.status()).isEqualTo(200);
    assertThat(paidAgain.json()).isEqualTo(paid.json());
    assertThat(entries(account)).isEqualTo(entriesAfterFirstRun + 1);
    assertReconciled(account);
  }

  @Test
  void twoRunsRacingIssueOneBillAndOneEntry() throws Exception {
    clock("2026-10-01T00:00:00Z");
    String account = postpaidAccount("UTC");
    String meter = imageMeter("0.08", "volume");
    settle(account, meter, "2026-10-03T08:00:00Z", 20, 1000, "units");
    clock("2026-11-02T00:00:00Z");
    Instant now = Instant.parse("2026-11-02T00:00:00Z");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> runs = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        boolean viaJob = i % 2 == 0;
        runs.add(pool.submit(() -> {
          start.await();
          if (viaJob) {
            job.run();
          } else {
            billRun.generate(BillingMonth.of(2026, 10), now);
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> run : runs) {
        run.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(jdbc.sql("SELECT count(*) FROM bills WHERE account_id = ?").params(account).query(Long.class).single())
        .isEqualTo(1);
    assertThat(entries(account)).isEqualTo(1);
    // 20,000 pictures: tier 2 at 0.06 → 1,200.00
    assertThat(bill(account, "2026-10").get("total").asString()).isEqualTo("1200.00");
    assertReconciled(account);
  }

  @Test
  void aGraduatedMeterGetsALinePerTierAndAMeterWithoutTiersItsAccruedAmount() {
    clock("2026-10-01T00:00:00Z");
    String account = postpaidAccount("UTC");
    String pictures = imageMeter("0.08", "graduated");
    String calls = uniqueId("web-search");
    assertThat(api().put("/v1/prices/" + calls, "{\"mode\":\"call\",\"currency\":\"USD\",\"perCall\":\"0.0123\"}").status())
        .isEqualTo(200);
    settle(account, pictures, "2026-10-31T23:59:59Z", 150, 1000, "units");
    settle(account, calls, "2026-10-02T00:00:00Z", 7, 1, "calls");
    clock("2026-11-01T00:00:00Z");
    job.run();

    JsonNode bill = bill(account, "2026-10");
    // 10,000 × 0.08 + 90,000 × 0.06 + 50,000 × 0.05 = 8,700; 7 calls × 0.0123 = 0.0861
    assertThat(bill.get("totalPrecise").asString()).isEqualTo("8700.0861");
    assertThat(bill.get("total").asString()).isEqualTo("8700.09");
    List<String> lines = new ArrayList<>();
    for (JsonNode line : bill.get("lines")) {
      lines.add(line.get("meter").asString().replaceAll("-[0-9a-f]{8}$", "") + " " + line.get("units").asLong() + " × "
          + (line.get("unitPrice").isNull() ? "-" : line.get("unitPrice").asString()) + " = " + line.get("amount").asString());
    }
    assertThat(lines).containsExactlyInAnyOrder(
        "image-style-transfer 10000 × 0.08 = 800.00",
        "image-style-transfer 90000 × 0.06 = 5400.00",
        "image-style-transfer 50000 × 0.05 = 2500.00",
        "web-search 7 × - = 0.0861");
    // The receivable is what the bill asks, rounded: settle had booked 12,000.0861 at list price.
    assertThat(postpaidBalance(account)).isEqualTo(-8_700_090_000_000L);
    assertReconciled(account);
  }

  @Test
  void usageAtTwentyHundredUtcOnOctoberThirtyFirstIsBilledInNovemberInShanghai() {
    clock("2026-10-01T00:00:00Z");
    String account = postpaidAccount("Asia/Shanghai");
    String meter = imageMeter("0.08", "volume");
    settle(account, meter, "2026-10-31T20:00:00Z", 1, 100, "units");
    clock("2026-11-01T00:30:00Z");
    job.run();
    assertThat(api().get("/v1/accounts/" + account + "/bills/2026-10").code()).isEqualTo("bill_not_found");

    // November has ended at UTC+14 but not yet in Shanghai (UTC+8): the account waits.
    clock("2026-11-30T12:00:00Z");
    Api.Response early = api().post("/v1/bills:generate", "{\"month\":\"2026-11\"}");
    assertThat(early.status()).as(early.toString()).isEqualTo(200);
    assertThat(early.json().get("notEnded").asInt()).isPositive();
    assertThat(api().get("/v1/accounts/" + account + "/bills/2026-11").code()).isEqualTo("bill_not_found");

    clock("2026-11-30T16:00:00Z");
    job.run();
    JsonNode bill = bill(account, "2026-11");
    assertThat(bill.get("total").asString()).isEqualTo("8.00");
    assertThat(bill.get("periodStart").asString()).isEqualTo("2026-10-31T16:00:00Z");
    assertThat(api().get("/v1/accounts/" + account + "/bills").json().get("items")).hasSize(1);
  }

  @Test
  void anUnpaidBillPastItsGraceMakesTheAccountOverdueUntilItIsPaid() {
    clock("2026-10-01T00:00:00Z");
    api().put("/v1/billing/settings", "{\"billGraceDays\":3}");
    String account = postpaidAccount("UTC");
    String meter = imageMeter("0.08", "volume");
    api().post("/v1/accounts/" + account + "/grants", "{\"kind\":\"promo\",\"denomination\":\"money\",\"amount\":\"1.00\","
        + "\"meters\":[\"other-meter\"]}");
    settle(account, meter, "2026-10-10T00:00:00Z", 1, 1000, "units");
    clock("2026-11-01T00:00:00Z");
    job.run();
    assertThat(bill(account, "2026-10").get("dueAt").asString()).isEqualTo("2026-11-04T00:00:00Z");

    clock("2026-11-03T23:59:59Z");
    job.run();
    assertThat(bill(account, "2026-10").get("status").asString()).isEqualTo("open");
    String authorize = "{\"requestId\":\"" + UUID.randomUUID() + "\",\"accountId\":\"" + account + "\",\"meter\":\"" + meter
        + "\",\"estimate\":{\"units\":1}}";
    assertThat(api().post("/v1/authorize", authorize).status()).isEqualTo(200);

    clock("2026-11-04T00:00:00Z");
    job.run();
    assertThat(bill(account, "2026-10").get("status").asString()).isEqualTo("overdue");
    Api.Response refused = api().post("/v1/authorize", authorize.replaceFirst("\"requestId\":\"[^\"]+\"",
        "\"requestId\":\"" + UUID.randomUUID() + "\""));
    assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
    assertThat(refused.code()).isEqualTo("account_overdue");
    assertThat(api().get("/v1/accounts/" + account + "/grants").json().get("items").get(0).get("status").asString())
        .isEqualTo("invalid");
    assertThat(jdbc.sql("SELECT count(*) FROM outbox WHERE dedupe_key = ?").params("account_overdue:" + account + ":2026-10")
        .query(Long.class).single()).isEqualTo(1);
    job.run();
    assertThat(jdbc.sql("SELECT count(*) FROM outbox WHERE kind = 'account_overdue' AND account_id = ?").params(account)
        .query(Long.class).single()).isEqualTo(1);

    // The wallet does not cover 80.00 yet: refused, nothing changes.
    Api.Response short_ = pay(account, "2026-10", "{\"source\":\"wallet\"}");
    assertThat(short_.status()).as(short_.toString()).isEqualTo(409);
    assertThat(short_.code()).isEqualTo("insufficient_credit");
    assertThat(bill(account, "2026-10").get("status").asString()).isEqualTo("overdue");
    api().post("/v1/accounts/" + account + "/wallet/credits",
        "{\"amount\":\"100.00\",\"reason\":\"test\",\"idempotencyKey\":\"" + UUID.randomUUID() + "\"}");
    Api.Response paid = pay(account, "2026-10", "{\"source\":\"wallet\"}");
    assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
    assertThat(paid.text("status")).isEqualTo("paid");
    assertThat(api().get("/v1/accounts/" + account + "/balance").text("wallet")).isEqualTo("20.00");
    assertThat(postpaidBalance(account)).isZero();
    Api.Response admitted = api().post("/v1/authorize", authorize.replaceFirst("\"requestId\":\"[^\"]+\"",
        "\"requestId\":\"" + UUID.randomUUID() + "\""));
    assertThat(admitted.status()).as(admitted.toString()).isEqualTo(200);
    assertReconciled(account);
  }

  @Test
  void hourlySettlementTakesPostpaidFromTheWalletOnceAnHourAndTheBillShowsIt() {
    clock("2026-10-10T10:00:00Z");
    Api.Response hourlyOn = api().put("/v1/billing/settings", "{\"postpaidSettlement\":\"hourly\"}");
    assertThat(hourlyOn.text("postpaidSettlement")).isEqualTo("hourly");
    String account = postpaidAccount("UTC");
    // List price 0.10 a picture; the month's tier price is 0.08.
    String meter = imageMeter("0.10", "volume");
    settle(account, meter, "2026-10-10T10:15:00Z", 1, 5, "units");
    settle(account, meter, "2026-10-10T11:30:00Z", 1, 3, "units");

    clock("2026-10-10T11:05:00Z");
    hourly.run();
    assertThat(api().get("/v1/accounts/" + account + "/balance").text("wallet")).isEqualTo("-0.50");
    hourly.run();
    assertThat(api().get("/v1/accounts/" + account + "/balance").text("wallet")).isEqualTo("-0.50");
    clock("2026-10-10T12:00:00Z");
    hourly.run();
    assertThat(api().get("/v1/accounts/" + account + "/balance").text("wallet")).isEqualTo("-0.80");
    assertThat(postpaidBalance(account)).isZero();
    assertThat(jdbc.sql("SELECT count(*) FROM journal_entries WHERE account_id = ? AND kind = 'wallet_debit'")
        .params(account).query(Long.class).single()).isEqualTo(2);

    // The bill prices 8 pictures at 0.08 = 0.64; 0.80 was taken, so 0.16 goes back to the wallet.
    clock("2026-11-01T00:10:00Z");
    job.run();
    JsonNode bill = bill(account, "2026-10");
    assertThat(bill.get("total").asString()).isEqualTo("0.64");
    assertThat(bill.get("deducted").asString()).isEqualTo("0.80");
    assertThat(bill.get("due").asString()).isEqualTo("0.00");
    assertThat(bill.get("status").asString()).isEqualTo("paid");
    assertThat(api().get("/v1/accounts/" + account + "/balance").text("wallet")).isEqualTo("-0.64");
    assertThat(postpaidBalance(account)).isZero();
    assertReconciled(account);
  }

  @Test
  void refusesBadRequestsWithStableCodesAndChangesNothing() {
    clock("2026-11-10T00:00:00Z");
    String account = postpaidAccount("UTC");
    record Case(Api.Response response, int status, String code) {}
    String tooLong = "r".repeat(BillPayments.REFERENCE_LENGTH_MAX + 1);
    List<Case> cases = List.of(
        new Case(api().post("/v1/bills:generate", "{\"month\":\"2026-13\"}"), 422, "month_invalid"),
        new Case(api().post("/v1/bills:generate", "{}"), 422, "missing_field"),
        new Case(api().post("/v1/bills:generate", "{\"month\":\"2026-11\"}"), 422, "month_not_ended"),
        new Case(api().get("/v1/accounts/" + account + "/bills/2026-1"), 422, "month_invalid"),
        new Case(api().get("/v1/accounts/" + account + "/bills/2026-09"), 404, "bill_not_found"),
        new Case(api().get("/v1/accounts/nobody-" + UUID.randomUUID() + "/bills/2026-09"), 404, "account_not_found"),
        new Case(api().get("/v1/accounts/nobody-" + UUID.randomUUID() + "/bills"), 404, "account_not_found"),
        new Case(pay(account, "2026-09", "{\"source\":\"card\"}"), 422, "source_invalid"),
        new Case(pay(account, "2026-09", "{}"), 422, "missing_field"),
        new Case(pay(account, "2026-09", "{\"source\":\"external\"}"), 422, "missing_field"),
        new Case(pay(account, "2026-09", "{\"source\":\"external\",\"provider\":\"Stripe!\"}"), 422, "provider_invalid"),
        new Case(pay(account, "2026-09", "{\"source\":\"wallet\",\"provider\":\"stripe\"}"), 422, "provider_invalid"),
        new Case(pay(account, "2026-09", "{\"source\":\"external\",\"provider\":\"stripe\",\"reference\":\"" + tooLong + "\"}"),
            422, "reference_invalid"),
        new Case(pay(account, "2026-09", "{\"source\":\"external\",\"provider\":\"stripe\",\"reference\":\""
            + "r".repeat(BillPayments.REFERENCE_LENGTH_MAX) + "\"}"), 404, "bill_not_found"),
        new Case(pay(account, "2026-9", "{\"source\":\"wallet\"}"), 422, "month_invalid"),
        new Case(pay("nobody-" + UUID.randomUUID(), "2026-09", "{\"source\":\"wallet\"}"), 404, "account_not_found"),
        new Case(api().put("/v1/billing/settings", "{\"billGraceDays\":366}"), 422, "bill_grace_days_invalid"),
        new Case(api().put("/v1/billing/settings", "{\"billGraceDays\":-1}"), 422, "bill_grace_days_invalid"),
        new Case(api().put("/v1/billing/settings", "{\"postpaidSettlement\":\"daily\"}"), 422, "postpaid_settlement_invalid"));
    for (Case c : cases) {
      assertThat(c.response().status()).as(c.response().toString()).isEqualTo(c.status());
      assertThat(c.response().code()).as(c.response().toString()).isEqualTo(c.code());
      assertThat(c.response().contentType()).startsWith("application/problem+json");
    }
    assertThat(api().put("/v1/billing/settings", "{\"billGraceDays\":365}").json().get("billGraceDays").asInt()).isEqualTo(365);
    assertThat(api().post("/v1/bills:generate", "{\"month\":\"2026-10\",\"extra\":1}").status()).isEqualTo(400);
    assertThat(api().get("/v1/accounts/" + account + "/bills").json().get("items")).isEmpty();
  }
}
