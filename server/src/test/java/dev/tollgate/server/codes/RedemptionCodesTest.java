package dev.tollgate.server.codes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.Api;
import dev.tollgate.server.support.ServerTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RedemptionCodesTest extends ServerTest {
  /**
   * Every test runs at its own instant, a day after the previous one: failed attempts are counted
   * per client address and all tests share 127.0.0.1, so one test's failures must have left the
   * throttle's window before the next test starts.
   */
  private static final Instant BASE = Instant.parse("2030-01-01T00:00:00Z");
  private static final AtomicInteger DAY = new AtomicInteger();

  private Instant now;

  @BeforeEach
  void fixClock() {
    now = BASE.plus(Duration.ofDays(DAY.incrementAndGet()));
    setClock(now);
  }

  @AfterEach
  void releaseClock() {
    api().delete("/v1/test/clock");
  }

  private void setClock(Instant at) {
    Api.Response r = api().put("/v1/test/clock", "{\"now\":\"" + at + "\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
  }

  private String account(String prefix) {
    String id = uniqueId(prefix);
    Api.Response r = api().post("/v1/accounts", "{\"id\":\"" + id + "\",\"name\":\"" + prefix + "\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return id;
  }

  private Api.Response create(String json) {
    return api().post("/v1/redemption-codes", json);
  }

  private JsonNode createOk(String json) {
    Api.Response r = create(json);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json();
  }

  private String oneCode(String json) {
    return createOk(json).get("codes").get(0).asString();
  }

  private String codeId(JsonNode created) {
    return created.get("items").get(0).get("id").asString();
  }

  private Api.Response redeem(String account, String code) {
    return api().post("/v1/accounts/" + account + "/redeem", "{\"code\":\"" + code + "\"}");
  }

  private String wallet(String account) {
    return api().get("/v1/accounts/" + account + "/balance").text("wallet");
  }

  @Test
  void createsABalanceCodeShownInFullOnlyOnceAndRedeemsItIntoTheWallet() {
    JsonNode created = createOk("{\"kind\":\"balance\",\"amount\":\"25.50\",\"description\":\"launch promo\"}");
    String code = created.get("codes").get(0).asString();
    assertThat(code).matches("[2-9A-HJKMNP-TV-Z]{4}(-[2-9A-HJKMNP-TV-Z]{4}){3}");
    assertThat(created.get("batchId").asString()).startsWith("rcb_");
    String id = codeId(created);

    Api.Response listed = api().get("/v1/redemption-codes?batchId=" + created.get("batchId").asString());
    assertThat(listed.body()).doesNotContain(code).doesNotContain(code.substring(5));
    assertThat(listed.json().get("items").get(0).get("prefix").asString()).isEqualTo(code.substring(0, 4) + "-…");
    assertThat(listed.json().get("items").get(0).get("status").asString()).isEqualTo("active");

    String acme = account("redeem");
    // Lower case and without dashes is the same code.
    Api.Response r = redeem(acme, code.toLowerCase().replace("-", ""));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.text("redemptionId")).startsWith("rd_");
    assertThat(r.json().get("wallet").get("amount").asString()).isEqualTo("25.50");
    assertThat(r.json().get("wallet").get("balance").asString()).isEqualTo("25.50");
    assertThat(wallet(acme)).isEqualTo("25.50");

    Api.Response history = api().get("/v1/redemption-codes/" + id + "/redemptions");
    assertThat(history.json().get("items").get(0).get("accountId").asString()).isEqualTo(acme);
    assertThat(api().get("/v1/redemption-codes/" + id).text("status")).isEqualTo("exhausted");
    assertThat(api().get("/v1/ledger/reconciliation?rootId=" + acme).json().get("balanced").asBoolean()).isTrue();
    JsonNode entries = api().get("/v1/accounts/" + acme + "/ledger").json().get("items");
    assertThat(entries.toString()).contains("adjustment:promotion").contains("topup");
  }

  @Test
  void hundredParallelRedemptionsOfATenUseCodeSucceedExactlyTenTimes() throws Exception {
    String code = oneCode("{\"kind\":\"balance\",\"amount\":\"3\",\"maxRedemptions\":10,\"perAccountLimit\":1}");
    List<String> accounts = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      accounts.add(account("race" + i));
    }
    ExecutorService pool = Executors.newFixedThreadPool(100);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Api.Response>> answers = new ArrayList<>();
    for (String a : accounts) {
      answers.add(pool.submit(() -> {
        start.await();
        return redeem(a, code);
      }));
    }
    start.countDown();
    int ok = 0;
    int exhausted = 0;
    for (Future<Api.Response> f : answers) {
      Api.Response r = f.get();
      if (r.status() == 200) {
        ok++;
      } else {
        assertThat(r.status()).as(r.toString()).isEqualTo(409);
        assertThat(r.code()).isEqualTo("code_exhausted");
        exhausted++;
      }
    }
    pool.shutdown();
    assertThat(ok).isEqualTo(10);
    assertThat(exhausted).isEqualTo(90);

    long credited = accounts.stream().filter(a -> wallet(a).equals("3.00")).count();
    long empty = accounts.stream().filter(a -> wallet(a).equals("0.00")).count();
    assertThat(credited).isEqualTo(10);
    assertThat(empty).isEqualTo(90);
    for (String a : accounts) {
      assertThat(api().get("/v1/ledger/reconciliation?rootId=" + a).json().get("balanced").asBoolean()).isTrue();
    }
    // Per family: the whole-database reconciliation also sees other tests' deliberately broken caches.
  }

  @Test
  void limitsRedemptionsPerAccountAndInTotal() {
    String code = oneCode("{\"kind\":\"balance\",\"amount\":\"1\",\"maxRedemptions\":3,\"perAccountLimit\":2}");
    String a = account("limit-a");
    String b = account("limit-b");
    assertThat(redeem(a, code).status()).isEqualTo(200);
    assertThat(redeem(a, code).status()).isEqualTo(200);
    Api.Response third = redeem(a, code);
    assertThat(third.status()).isEqualTo(409);
    assertThat(third.code()).isEqualTo("code_limit_reached");
    assertThat(wallet(a)).isEqualTo("2.00");
    assertThat(redeem(b, code).status()).isEqualTo(200);
    Api.Response fourth = redeem(b, code);
    assertThat(fourth.status()).isEqualTo(409);
    assertThat(fourth.code()).isEqualTo("code_exhausted");
    assertThat(wallet(b)).isEqualTo("1.00");
  }

  @Test
  void refusesExpiredDisabledAndDeletedCodesAndKeepsTheHistoryOfDeletedOnes() {
    String acme = account("refusals");
    String expiring = oneCode("{\"kind\":\"balance\",\"amount\":\"1\",\"expiresAt\":\"" + now.plusSeconds(60) + "\"}");
    setClock(now.plusSeconds(60));
    Api.Response expired = redeem(acme, expiring);
    assertThat(expired.status()).as(expired.toString()).isEqualTo(410);
    assertThat(expired.code()).isEqualTo("code_expired");

    JsonNode disabledBatch = createOk("{\"kind\":\"balance\",\"amount\":\"1\",\"maxRedemptions\":5}");
    String disabledId = codeId(disabledBatch);
    assertThat(api().patch("/v1/redemption-codes/" + disabledId, "{\"enabled\":false}").text("status")).isEqualTo("disabled");
    Api.Response disabled = redeem(acme, disabledBatch.get("codes").get(0).asString());
    assertThat(disabled.status()).isEqualTo(409);
    assertThat(disabled.code()).isEqualTo("code_disabled");
    assertThat(api().patch("/v1/redemption-codes/" + disabledId, "{\"enabled\":true}").text("status")).isEqualTo("active");
    assertThat(redeem(acme, disabledBatch.get("codes").get(0).asString()).status()).isEqualTo(200);

    assertThat(api().delete("/v1/redemption-codes/" + disabledId).status()).isEqualTo(204);
    assertThat(api().delete("/v1/redemption-codes/" + disabledId).status()).isEqualTo(204);
    Api.Response deleted = redeem(acme, disabledBatch.get("codes").get(0).asString());
    assertThat(deleted.status()).isEqualTo(404);
    assertThat(deleted.code()).isEqualTo("code_invalid");
    assertThat(api().get("/v1/redemption-codes/" + disabledId + "/redemptions").json().get("items").size()).isEqualTo(1);
    assertThat(api().get("/v1/redemption-codes?batchId=" + disabledBatch.get("batchId").asString()).json().get("items").size())
        .isZero();
    assertThat(api().get("/v1/redemption-codes?status=deleted&batchId=" + disabledBatch.get("batchId").asString())
        .json().get("items").size()).isEqualTo(1);
    Api.Response patchDeleted = api().patch("/v1/redemption-codes/" + disabledId, "{\"enabled\":true}");
    assertThat(patchDeleted.status()).isEqualTo(404);
    assertThat(patchDeleted.code()).isEqualTo("code_not_found");

    Api.Response unknown = redeem(acme, "2222-3333-4444-5555");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.code()).isEqualTo("code_invalid");
    assertThat(redeem(acme, "not a code").code()).isEqualTo("code_invalid");
    assertThat(wallet(acme)).isEqualTo("1.00");
  }

  @Test
  void refusesBalanceCodesInSelfModeAndPlanOrPackageCodesUntilThoseCapabilitiesExist() {
    String acme = account("modes");
    String balance = oneCode("{\"kind\":\"balance\",\"amount\":\"1\"}");
    api().put("/v1/accounts/" + acme + "/settings", "{\"billingMode\":\"self\"}");
    Api.Response self = redeem(acme, balance);
    assertThat(self.status()).isEqualTo(422);
    assertThat(self.code()).isEqualTo("code_not_for_mode");
    api().put("/v1/accounts/" + acme + "/settings", "{\"billingMode\":\"\"}");
    assertThat(redeem(acme, balance).status()).isEqualTo(200);

    String plan = oneCode("{\"kind\":\"plan\",\"planId\":\"pro-monthly\",\"days\":30}");
    Api.Response planInUsage = redeem(acme, plan);
    assertThat(planInUsage.code()).isEqualTo("code_not_for_mode");
    api().put("/v1/accounts/" + acme + "/settings", "{\"billingMode\":\"period\"}");
    Api.Response planInPeriod = redeem(acme, plan);
    assertThat(planInPeriod.status()).isEqualTo(404);
    assertThat(planInPeriod.code()).isEqualTo("plan_not_found");
    String pkg = oneCode("{\"kind\":\"package\",\"packageId\":\"no-such-package\"}");
    Api.Response pkgAnswer = redeem(acme, pkg);
    assertThat(pkgAnswer.status()).isEqualTo(404);
    assertThat(pkgAnswer.code()).isEqualTo("package_not_found");

    String cny = oneCode("{\"kind\":\"balance\",\"amount\":\"10\",\"currency\":\"CNY\"}");
    assertThat(redeem(acme, cny).code()).isEqualTo("code_currency_mismatch");
    assertThat(wallet(acme)).isEqualTo("1.00");
  }

  @Test
  void throttlesGuessingPerAccountAtTheLimitAndOnePast() {
    String guesser = account("guesser");
    String real = oneCode("{\"kind\":\"balance\",\"amount\":\"1\"}");
    for (int i = 0; i < RedeemThrottle.FAILURES_MAX; i++) {
      Api.Response r = redeem(guesser, "2222-3333-4444-" + (5000 + i * 2 + 2222));
      assertThat(r.code()).as("attempt " + i + ": " + r).isEqualTo("code_invalid");
    }
    Api.Response throttled = redeem(guesser, real);
    assertThat(throttled.status()).isEqualTo(429);
    assertThat(throttled.code()).isEqualTo("too_many_attempts");
    assertThat(wallet(guesser)).isEqualTo("0.00");
    // The address is throttled too: another account from the same address is refused.
    String neighbour = account("neighbour");
    assertThat(redeem(neighbour, real).code()).isEqualTo("too_many_attempts");

    setClock(now.plus(RedeemThrottle.WINDOW).plusSeconds(1));
    assertThat(redeem(guesser, real).status()).isEqualTo(200);
  }

  @Test
  void allowsNineFailuresAndStillRedeemsTheTenthTry() {
    String typo = account("typo");
    String real = oneCode("{\"kind\":\"balance\",\"amount\":\"1\"}");
    for (int i = 0; i < RedeemThrottle.FAILURES_MAX - 1; i++) {
      assertThat(redeem(typo, "2222-3333-4444-555" + (i % 8 + 2)).code()).isEqualTo("code_invalid");
    }
    assertThat(redeem(typo, real).status()).isEqualTo(200);
  }

  @Test
  void createsABatchAtTheLimitAndRefusesOnePast() {
    JsonNode batch = createOk("{\"kind\":\"balance\",\"amount\":\"1\",\"count\":" + CodeRequest.COUNT_MAX + "}");
    assertThat(batch.get("codes").size()).isEqualTo(CodeRequest.COUNT_MAX);
    java.util.Set<String> distinct = new java.util.HashSet<>();
    batch.get("codes").forEach(c -> distinct.add(c.asString()));
    assertThat(distinct).hasSize(CodeRequest.COUNT_MAX);
    Api.Response tooMany = create("{\"kind\":\"balance\",\"amount\":\"1\",\"count\":" + (CodeRequest.COUNT_MAX + 1) + "}");
    assertThat(tooMany.status()).isEqualTo(422);
    assertThat(tooMany.code()).isEqualTo("count_invalid");

    Api.Response csv = api().get("/v1/redemption-codes:export?batchId=" + batch.get("batchId").asString());
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.contentType()).startsWith("text/csv");
    String[] lines = csv.body().split("\n");
    assertThat(lines).hasSize(CodeRequest.COUNT_MAX + 1);
    assertThat(lines[0]).startsWith("id,batchId,prefix,kind,amount");
    for (JsonNode c : batch.get("codes")) {
      assertThat(csv.body()).doesNotContain(c.asString());
    }
  }

  @Test
  void searchesByPrefixDescriptionAndStatusAndPagesWithACursor() {
    JsonNode batch = createOk("{\"kind\":\"balance\",\"amount\":\"2\",\"count\":3,\"description\":\"Spring sale 50%_off\"}");
    String batchId = batch.get("batchId").asString();
    String first = batch.get("codes").get(0).asString();
    JsonNode byPrefix = api().get("/v1/redemption-codes?batchId=" + batchId + "&q=" + first.substring(0, 4)).json();
    assertThat(byPrefix.get("items").size()).isGreaterThanOrEqualTo(1);
    assertThat(api().get("/v1/redemption-codes?q=spring%20sale%2050%25_off&batchId=" + batchId).json().get("items").size())
        .isEqualTo(3);
    assertThat(api().get("/v1/redemption-codes?q=" + batchId).json().get("items").size()).isEqualTo(3);
    JsonNode page1 = api().get("/v1/redemption-codes?batchId=" + batchId + "&limit=2").json();
    assertThat(page1.get("items").size()).isEqualTo(2);
    String cursor = page1.get("nextCursor").asString();
    JsonNode page2 = api().get("/v1/redemption-codes?batchId=" + batchId + "&limit=2&cursor=" + cursor).json();
    assertThat(page2.get("items").size()).isEqualTo(1);
    assertThat(page2.get("nextCursor").isNull()).isTrue();
    assertThat(api().get("/v1/redemption-codes?batchId=" + batchId + "&status=exhausted").json().get("items").size()).isZero();
    assertThat(api().get("/v1/redemption-codes?status=bogus").code()).isEqualTo("status_invalid");
  }

  @Test
  void refusesMalformedCreationsWithAStableCodeEach() {
    record Case(String body, int status, String code) {}
    String past = now.minusSeconds(1).toString();
    List<Case> cases = List.of(
        new Case("{}", 422, "missing_field"),
        new Case("{\"kind\":\"gold\"}", 422, "kind_invalid"),
        new Case("{\"kind\":\"balance\"}", 422, "missing_field"),
        new Case("{\"kind\":\"balance\",\"amount\":\"0\"}", 422, "amount_not_positive"),
        new Case("{\"kind\":\"balance\",\"amount\":\"1\",\"currency\":\"usd\"}", 422, "currency_invalid"),
        new Case("{\"kind\":\"balance\",\"amount\":\"1\",\"planId\":\"p\"}", 422, "field_not_for_kind"),
        new Case("{\"kind\":\"plan\",\"planId\":\"p\"}", 422, "missing_field"),
        new Case("{\"kind\":\"plan\",\"planId\":\"p\",\"days\":0}", 422, "days_invalid"),
        new Case("{\"kind\":\"plan\",\"planId\":\"p q\",\"days\":3}", 422, "reference_invalid"),
        new Case("{\"kind\":\"balance\",\"amount\":\"1\",\"count\":0}", 422, "count_invalid"),
        new Case("{\"kind\":\"balance\",\"amount\":\"1\",\"maxRedemptions\":0}", 422, "max_redemptions_invalid"),
        new Case("{\"kind\":\"balance\",\"amount\":\"1\",\"maxRedemptions\":2,\"perAccountLimit\":3}", 422,
            "per_account_limit_invalid"),
        new Case("{\"kind\":\"balance\",\"amount\":\"1\",\"expiresAt\":\"" + past + "\"}", 422, "expiry_in_past"),
        new Case("{\"kind\":\"balance\",\"amount\":\"1\",\"description\":\"" + "x".repeat(501) + "\"}", 422,
            "description_too_long"),
        new Case("{\"kind\":\"balance\",\"amount\":\"1\",\"colour\":\"red\"}", 400, "unknown_field"),
        new Case("{\"kind\":\"balance\",\"amount\":1,\"count\":\"many\"}", 400, "invalid_type"));
    for (Case c : cases) {
      Api.Response r = create(c.body());
      assertThat(r.status()).as(c.body() + " → " + r).isEqualTo(c.status());
      assertThat(r.code()).as(c.body()).isEqualTo(c.code());
    }
    assertThat(api().get("/v1/redemption-codes/rc_nope").code()).isEqualTo("code_not_found");
    assertThat(api().post("/v1/accounts/nobody-here/redeem", "{\"code\":\"2222-3333-4444-5555\"}").code())
        .isEqualTo("account_not_found");
    assertThat(api().post("/v1/accounts/" + account("missing") + "/redeem", "{}").code()).isEqualTo("missing_field");
  }

  @Test
  void givesThePackageOfAPackageCodeWithoutChargingTheWallet() {
    String meter = uniqueId("pictures");
    String packageId = uniqueId("pics-1k");
    assertThat(api().put("/v1/packages/" + packageId, "{\"name\":\"1,000 pictures\",\"kind\":\"prepaid\",\"meters\":[\""
        + meter + "\"],\"denomination\":\"units\",\"amount\":1000,\"price\":\"75\",\"currency\":\"USD\",\"validity\":\"P1Y\"}")
        .status()).isEqualTo(200);
    String acme = uniqueId("gifted");
    api().post("/v1/accounts", "{\"id\":\"" + acme + "\",\"name\":\"Gifted\"}");
    String code = oneCode("{\"kind\":\"package\",\"packageId\":\"" + packageId + "\"}");
    Api.Response redeemed = redeem(acme, code);
    assertThat(redeemed.status()).as(redeemed.toString()).isEqualTo(200);
    assertThat(redeemed.json().get("grants").size()).isEqualTo(1);
    assertThat(redeemed.json().has("wallet")).isFalse();
    var grant = api().get("/v1/accounts/" + acme + "/grants").json().get("items").get(0);
    assertThat(grant.get("kind").asString()).isEqualTo("prepaid");
    assertThat(grant.get("remaining").asString()).isEqualTo("1000");
    assertThat(api().get("/v1/accounts/" + acme + "/balance").text("wallet")).isEqualTo("0.00");
    assertThat(redeem(acme, code).code()).as("one use by default").isEqualTo("code_exhausted");
    assertThat(api().get("/v1/ledger/reconciliation?rootId=" + acme).json().get("balanced").asBoolean()).isTrue();
  }

  @Test
  void givesAPlanForTheCodesDaysInPeriodMode() {
    String planId = uniqueId("pro");
    assertThat(api().put("/v1/plans/" + planId, "{\"name\":\"Pro\",\"price\":\"20\",\"currency\":\"USD\","
        + "\"interval\":\"monthly\",\"periodCredit\":\"15.00\",\"rank\":1}").status()).isEqualTo(200);
    String acme = uniqueId("planned");
    api().post("/v1/accounts", "{\"id\":\"" + acme + "\",\"name\":\"Planned\"}");
    api().put("/v1/accounts/" + acme + "/settings", "{\"billingMode\":\"period\"}");
    String code = oneCode("{\"kind\":\"plan\",\"planId\":\"" + planId + "\",\"days\":7}");
    Api.Response redeemed = redeem(acme, code);
    assertThat(redeemed.status()).as(redeemed.toString()).isEqualTo(200);
    var grant = api().get("/v1/accounts/" + acme + "/grants").json().get("items").get(0);
    assertThat(grant.get("kind").asString()).isEqualTo("edition");
    assertThat(grant.get("amount").asString()).isEqualTo("15.00");
    java.time.Instant effective = java.time.Instant.parse(grant.get("effectiveAt").asString());
    assertThat(java.time.Instant.parse(grant.get("expiresAt").asString())).isEqualTo(effective.plus(java.time.Duration.ofDays(7)));
    assertThat(api().get("/v1/accounts/" + acme + "/balance").text("wallet")).isEqualTo("0.00");
  }
}
