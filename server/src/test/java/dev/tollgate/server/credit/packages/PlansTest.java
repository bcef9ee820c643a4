package dev.tollgate.server.credit.packages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.Api;
import dev.tollgate.server.support.ServerTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Seed 003's subscription plans as edition packages; subscriptions as their purchases. */
class PlansTest extends ServerTest {
  @Autowired AutoRenewJob autoRenew;

  @AfterEach
  void backToTheSystemClock() {
    api().delete("/v1/test/clock");
  }

  private static String plan(String interval, String credit, String price, int rank, String extra) {
    return ("{\"name\":\"Plan\",\"price\":\"%s\",\"currency\":\"USD\",\"interval\":\"%s\",\"periodCredit\":\"%s\","
        + "\"rank\":%d%s}").formatted(price, interval, credit, rank, extra);
  }

  private String putPlan(String json) {
    String id = uniqueId("plan");
    Api.Response r = api().put("/v1/plans/" + id, json);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return id;
  }

  private Api.Response subscribe(String acct, String planId, boolean autoRenew, String key) {
    return api().post("/v1/accounts/" + acct + "/subscriptions",
        "{\"planId\":\"" + planId + "\",\"autoRenew\":" + autoRenew + ",\"idempotencyKey\":\"" + key + "\"}");
  }

  @Test
  void storesAPlanAsAnEditionPackageAndShowsItBack() {
    String id = putPlan(plan("yearly", "25.50", "199", 2,
        ",\"description\":\"Free models do not count against credit\",\"discount\":\"0.80\""));
    JsonNode plan = api().get("/v1/plans/" + id).json();
    assertThat(plan.get("interval").asString()).isEqualTo("yearly");
    assertThat(plan.get("periodCredit").asString()).isEqualTo("25.50");
    assertThat(plan.get("discount").asString()).isEqualTo("0.8");
    assertThat(plan.get("description").asString()).isEqualTo("Free models do not count against credit");
    JsonNode pkg = api().get("/v1/packages/" + id).json();
    assertThat(pkg.get("kind").asString()).isEqualTo("edition");
    assertThat(pkg.get("validity").asString()).isEqualTo("P1Y");
    assertThat(pkg.get("monthlyAllowance").asString()).isEqualTo("25.50");
    assertThat(api().get("/v1/plans/" + uniqueId("nope")).code()).isEqualTo("plan_not_found");
  }

  @ParameterizedTest(name = "{0} = {1} → {2}")
  @CsvSource(delimiter = '|', value = {
    "interval     | \"weekly\"       | interval_invalid",
    "discount     | \"0\"            | discount_invalid",
    "discount     | \"1.000000001\"  | discount_invalid",
    "discount     | \"0.0000000001\" | discount_invalid",
    "discount     | \"-0.5\"         | discount_invalid",
    "periodCredit | \"0\"            | amount_not_positive",
    "periodCredit | 5                 | invalid_type",
    "rank         | 1001              | rank_invalid",
  })
  void refusesAPlanWithAnInvalidField(String field, String value, String code) {
    var fields = new java.util.LinkedHashMap<String, String>();
    fields.put("name", "\"Plan\"");
    fields.put("price", "\"1\"");
    fields.put("currency", "\"USD\"");
    fields.put("interval", "\"monthly\"");
    fields.put("periodCredit", "\"5\"");
    fields.put("rank", "1");
    fields.put(field, value);
    StringBuilder body = new StringBuilder("{");
    fields.forEach((k, v) -> body.append(body.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
    Api.Response r = api().put("/v1/plans/" + uniqueId("bad"), body.append('}').toString());
    assertThat(r.code()).as(r.toString()).isEqualTo(code);
    assertThat(r.status()).isIn(400, 422);
  }

  @Test
  void acceptsADiscountOfOneAndADescriptionAtItsLimitButNotOnePast() {
    String limit = "d".repeat(PlanRequest.DESCRIPTION_LENGTH_MAX);
    putPlan(plan("monthly", "5", "1", 1, ",\"discount\":\"1\",\"description\":\"" + limit + "\""));
    Api.Response r = api().put("/v1/plans/" + uniqueId("long"),
        plan("monthly", "5", "1", 1, ",\"description\":\"" + limit + "d\""));
    assertThat(r.code()).isEqualTo("description_invalid");
  }

  @Test
  void refusesToTurnAPackageThatIsNotAPlanIntoOne() {
    String id = uniqueId("pkg");
    assertThat(api().put("/v1/packages/" + id, "{\"name\":\"P\",\"kind\":\"prepaid\",\"denomination\":\"money\","
        + "\"amount\":\"5\",\"price\":\"5\",\"currency\":\"USD\",\"validity\":\"P1M\"}").status()).isEqualTo(200);
    Api.Response r = api().put("/v1/plans/" + id, plan("monthly", "5", "1", 1, ""));
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.code()).isEqualTo("package_not_plan");
  }

  @Test
  void subscribesWithAutomaticRenewalAndCancelsSoTheSubscriptionRunsToItsEnd() {
    PackageFixture fx = new PackageFixture(api());
    fx.clock("2026-01-31T10:00:00Z");
    String planId = putPlan(plan("monthly", "30", "10", 1, ""));
    String acct = fx.account(uniqueId("sub"));
    fx.credit(acct, "50.00");
    Api.Response sub = subscribe(acct, planId, true, "s1");
    assertThat(sub.status()).as(sub.toString()).isEqualTo(201);
    assertThat(sub.json().get("autoRenew").asBoolean()).isTrue();
    // A package bought on Jan 31 with P1M expires on Feb 28 (the month-end clamp).
    assertThat(sub.text("expiresAt")).isEqualTo("2026-02-28T10:00:00Z");
    assertThat(sub.json().get("grants").get(0).get("amount").asString()).isEqualTo("30.00");
    assertThat(subscribe(acct, planId, true, "s1").status()).isEqualTo(200);
    String id = sub.text("id");

    Api.Response cancelled = api().post("/v1/accounts/" + acct + "/subscriptions/" + id + "/cancel", "");
    assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
    assertThat(cancelled.json().get("autoRenew").asBoolean()).isFalse();
    assertThat(cancelled.text("expiresAt")).isEqualTo("2026-02-28T10:00:00Z");
    fx.clock("2026-02-28T00:00:00Z");
    autoRenew.run();
    assertThat(api().get("/v1/purchases/" + id).text("expiresAt")).isEqualTo("2026-02-28T10:00:00Z");
    assertThat(fx.balance(acct).get("wallet").asString()).isEqualTo("40.00");
  }

  @Test
  void overlappingSubscriptionsLetTheHighestRankTakeEffectAndUpgradeKeepsTheExpiry() {
    PackageFixture fx = new PackageFixture(api());
    fx.clock("2026-03-01T00:00:00Z");
    String basic = putPlan(plan("yearly", "10", "10", 1, ""));
    String premium = putPlan(plan("yearly", "100", "50", 5, ""));
    String acct = fx.account(uniqueId("two"));
    fx.credit(acct, "100.00");
    assertThat(subscribe(acct, basic, false, "b").status()).isEqualTo(201);
    fx.clock("2026-06-01T00:00:00Z");
    Api.Response up = api().post("/v1/accounts/" + acct + "/editions:upgrade",
        "{\"packageId\":\"" + premium + "\",\"idempotencyKey\":\"u\"}");
    assertThat(up.status()).as(up.toString()).isEqualTo(201);
    assertThat(up.text("expiresAt")).isEqualTo("2027-03-01T00:00:00Z");
    JsonNode balance = fx.balance(acct);
    assertThat(balance.get("edition").get("rank").asInt()).isEqualTo(5);
  }

  @Test
  void aLifetimePlanLastsTheLongestValidityAndDoesNotRenew() {
    PackageFixture fx = new PackageFixture(api());
    fx.clock("2026-01-01T00:00:00Z");
    String lifetime = putPlan(plan("lifetime", "5", "0", 1, ""));
    String acct = fx.account(uniqueId("life"));
    Api.Response refused = subscribe(acct, lifetime, true, "l0");
    assertThat(refused.code()).isEqualTo("field_not_applicable");
    Api.Response sub = subscribe(acct, lifetime, false, "l1");
    assertThat(sub.status()).as(sub.toString()).isEqualTo(201);
    assertThat(sub.text("expiresAt")).isEqualTo("2126-01-01T00:00:00Z");
    assertThat(subscribe(acct, uniqueId("none"), false, "l2").code()).isEqualTo("plan_not_found");
  }

  @Test
  void appliesThePlanDiscountToUsagePricesWhileTheSubscriptionIsInEffect() {
    String meter = uniqueId("discounted");
    assertThat(api().put("/v1/prices/" + meter, "{\"mode\":\"call\",\"currency\":\"USD\",\"perCall\":\"1.00\"}").status())
        .isEqualTo(200);
    String planId = putPlan(plan("monthly", "1.00", "10", 1, ",\"discount\":\"0.5\""));
    String acct = uniqueId("subscriber");
    api().post("/v1/accounts", "{\"id\":\"" + acct + "\",\"name\":\"S\"}");
    api().post("/v1/accounts/" + acct + "/wallet/credits", "{\"amount\":\"20.00\",\"reason\":\"t\",\"idempotencyKey\":\"" + acct + "\"}");
    String settle = "{\"requestId\":\"%s\",\"accountId\":\"" + acct + "\",\"meter\":\"" + meter + "\",\"status\":\"success\"}";
    assertThat(api().post("/v1/settle", settle.formatted("before")).text("amount")).isEqualTo("1.00");

    assertThat(subscribe(acct, planId, false, "sub-" + acct).status()).isEqualTo(201);
    Api.Response discounted = api().post("/v1/settle", settle.formatted("after"));
    assertThat(discounted.text("amount")).isEqualTo("0.50");
    JsonNode logged = api().get("/v1/usage?accountId=" + acct).json().get("items").get(0);
    assertThat(logged.get("snapshot").get("multiplier").asString()).isEqualTo("1/2");
    Api.Response held = api().post("/v1/authorize", "{\"requestId\":\"hold\",\"accountId\":\"" + acct + "\",\"meter\":\""
        + meter + "\",\"estimate\":{\"calls\":2}}");
    assertThat(held.text("heldAmount")).isEqualTo("1.00");
    // A quote for the account prices the call as settle would, with the plan's discount.
    Api.Response quote = api().post("/v1/quote", "{\"meter\":\"" + meter + "\",\"accountId\":\"" + acct
        + "\",\"usage\":{\"calls\":1}}");
    assertThat(quote.status()).as(quote.toString()).isEqualTo(200);
    assertThat(quote.text("amount")).isEqualTo("0.50");
    assertThat(quote.text("multiplier")).isEqualTo("1/2");
  }

  @Test
  void keepsAPlansKnowledgeBaseCapacityOnItsEditionPackage() {
    String id = putPlan(plan("monthly", "5.00", "10", 1, ",\"storageCapacity\":500"));
    assertThat(api().get("/v1/packages/" + id).json().get("storageCapacity").asLong()).isEqualTo(500);
    assertThat(api().put("/v1/plans/" + id, plan("monthly", "5.00", "12", 1, ",\"storageCapacity\":500")).status()).isEqualTo(200);
    assertThat(api().get("/v1/packages/" + id).json().get("storageCapacity").asLong()).isEqualTo(500);
  }
}
