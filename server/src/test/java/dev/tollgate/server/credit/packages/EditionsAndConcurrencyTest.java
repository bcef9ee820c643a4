package dev.tollgate.server.credit.packages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.Api;
import dev.tollgate.server.support.ServerTest;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Seed 000's editions and add-ons, seed 004's concurrency packages, over HTTP. */
class EditionsAndConcurrencyTest extends ServerTest {
  private static final String T0 = "2026-11-02T10:00:00Z";

  @AfterEach
  void backToTheSystemClock() {
    api().delete("/v1/test/clock");
  }

  private record Catalog(String meter, String free, String pro, String enterprise, String addOn) {}

  /** Free (rank 0), professional (1) and enterprise (2) editions with a monthly allowance; an add-on. */
  private Catalog catalog(PackageFixture fx) {
    fx.clock("2026-11-01T00:00:00Z");
    String meter = uniqueId("agent");
    fx.price(meter, "{\"mode\":\"call\",\"currency\":\"USD\",\"perCall\":\"1.00\"}");
    String p = uniqueId("ed");
    String edition = "{\"name\":\"%s\",\"kind\":\"edition\",\"denomination\":\"money\",\"monthlyAllowance\":\"%s\","
        + "\"price\":\"%s\",\"currency\":\"USD\",\"validity\":\"%s\",\"rank\":%d,\"refundableDays\":0}";
    fx.packageOf(p + "-free", edition.formatted("Free", "10", "0", "P1M", 0));
    fx.packageOf(p + "-pro", edition.formatted("Professional", "50", "100", "P1Y", 1));
    fx.packageOf(p + "-ent", edition.formatted("Enterprise", "500", "300", "P1Y", 2));
    fx.packageOf(p + "-addon", "{\"name\":\"PU pack\",\"kind\":\"addon\",\"denomination\":\"money\",\"amount\":\"20\","
        + "\"price\":\"15\",\"currency\":\"USD\",\"validity\":\"P1Y\"}");
    return new Catalog(meter, p + "-free", p + "-pro", p + "-ent", p + "-addon");
  }

  @Test
  void burnsOnlyTheProfessionalAllowanceWhileFreeAndProfessionalOverlap() {
    PackageFixture fx = new PackageFixture(api());
    Catalog c = catalog(fx);
    String acct = fx.account(uniqueId("overlap"));
    fx.credit(acct, "100.00");
    fx.clock(T0);
    fx.bought(acct, c.free(), 1);
    JsonNode pro = fx.bought(acct, c.pro(), 1);
    Api.Response settled = fx.settle(acct, c.meter(), "call-1", null);
    assertThat(settled.status()).as(settled.toString()).isEqualTo(200);
    assertThat(settled.json().get("charges").get(0).get("grantId").asString())
        .isEqualTo(pro.get("grants").get(0).get("id").asString());

    JsonNode balance = fx.balance(acct);
    assertThat(balance.get("edition").get("name").asString()).isEqualTo("Professional");
    assertThat(balance.get("edition").get("rank").asInt()).isEqualTo(1);
    assertThat(balance.get("edition").get("expiresAt").asString()).isEqualTo("2027-11-02T10:00:00Z");
    assertThat(balance.get("editions")).hasSize(2);
    assertThat(balance.get("wallet").asString()).isEqualTo("0.00");
    assertThat(fx.reconciled()).isTrue();
  }

  @Test
  void upgradesToEnterpriseKeepingTheProfessionalExpiryForThePriceDifference() {
    PackageFixture fx = new PackageFixture(api());
    Catalog c = catalog(fx);
    String acct = fx.account(uniqueId("upgrade"));
    fx.credit(acct, "400.00");
    String path = "/v1/accounts/" + acct + "/editions:upgrade";
    assertThat(api().post(path, "{\"packageId\":\"" + c.enterprise() + "\",\"idempotencyKey\":\"u0\"}").code())
        .isEqualTo("edition_not_active");
    fx.clock(T0);
    JsonNode pro = fx.bought(acct, c.pro(), 1);
    fx.clock("2027-03-15T00:00:00Z");
    assertThat(api().post(path, "{\"packageId\":\"" + c.free() + "\",\"idempotencyKey\":\"u1\"}").code())
        .isEqualTo("upgrade_not_higher");
    assertThat(api().post(path, "{\"packageId\":\"" + c.addOn() + "\",\"idempotencyKey\":\"u2\"}").code())
        .isEqualTo("package_not_edition");

    Api.Response up = api().post(path, "{\"packageId\":\"" + c.enterprise() + "\",\"idempotencyKey\":\"u3\"}");
    assertThat(up.status()).as(up.toString()).isEqualTo(201);
    assertThat(up.text("expiresAt")).isEqualTo(pro.get("expiresAt").asString());
    assertThat(up.text("amount")).isEqualTo("200.00");
    assertThat(up.text("purpose")).isEqualTo("upgrade");
    assertThat(api().post(path, "{\"packageId\":\"" + c.enterprise() + "\",\"idempotencyKey\":\"u3\"}").status()).isEqualTo(200);
    JsonNode balance = fx.balance(acct);
    assertThat(balance.get("edition").get("name").asString()).isEqualTo("Enterprise");
    assertThat(balance.get("edition").get("expiresAt").asString()).isEqualTo("2027-11-02T10:00:00Z");
    assertThat(balance.get("wallet").asString()).isEqualTo("100.00");
  }

  @Test
  void sellsAnAddOnOnlyInsideAnEditionAndShowsItUnavailableAfterTheEditionLapses() {
    PackageFixture fx = new PackageFixture(api());
    Catalog c = catalog(fx);
    String acct = fx.account(uniqueId("addon"));
    fx.credit(acct, "100.00");
    fx.clock(T0);
    Api.Response refused = fx.buy(acct, c.addOn(), 1, "a0");
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.code()).isEqualTo("edition_not_active");

    fx.bought(acct, c.free(), 1);
    JsonNode addOn = fx.bought(acct, c.addOn(), 1);
    assertThat(addOn.get("grants").get(0).get("status").asString()).isEqualTo("available");
    assertThat(addOn.get("grants").get(0).get("requiresEdition").asBoolean()).isTrue();
    assertThat(fx.balance(acct).get("addOns").get(0).get("name").asString()).isEqualTo("PU pack");

    fx.clock("2026-12-02T10:00:00Z");
    JsonNode later = fx.balance(acct);
    assertThat(later.get("edition").isNull()).isTrue();
    assertThat(later.get("addOns").get(0).get("grants").get(0).get("status").asString()).isEqualTo("unavailable");
  }

  @Test
  void renewsAnEditionFromItsExpiryAndRefusesToRenewAPrepaidPackage() {
    PackageFixture fx = new PackageFixture(api());
    Catalog c = catalog(fx);
    String acct = fx.account(uniqueId("renew"));
    fx.credit(acct, "100.00");
    fx.clock(T0);
    JsonNode free = fx.bought(acct, c.free(), 1);
    JsonNode addOn = fx.bought(acct, c.addOn(), 1);
    String renew = "/v1/accounts/" + acct + "/purchases/%s/renew";
    Api.Response renewed = api().post(renew.formatted(free.get("id").asString()), "{\"idempotencyKey\":\"r1\"}");
    assertThat(renewed.status()).as(renewed.toString()).isEqualTo(201);
    assertThat(renewed.text("expiresAt")).isEqualTo("2027-01-02T10:00:00Z");
    assertThat(renewed.text("renewsId")).isEqualTo(free.get("id").asString());
    assertThat(fx.balance(acct).get("edition").get("expiresAt").asString()).isEqualTo("2027-01-02T10:00:00Z");
    assertThat(api().post(renew.formatted(addOn.get("id").asString()), "{\"idempotencyKey\":\"r2\"}").code())
        .isEqualTo("renewal_not_supported");
    assertThat(api().post(renew.formatted("pur_nope"), "{\"idempotencyKey\":\"r3\"}").code())
        .isEqualTo("purchase_not_found");

    Api.Response auto = api().patch("/v1/accounts/" + acct + "/purchases/" + free.get("id").asString(), "{\"autoRenew\":true}");
    assertThat(auto.status()).as(auto.toString()).isEqualTo(200);
    assertThat(auto.json().get("autoRenew").asBoolean()).isTrue();
  }

  @Test
  void admitsTheDefaultThreePlusPurchasedConcurrencySharedByTheFamily() {
    PackageFixture fx = new PackageFixture(api());
    fx.clock("2026-11-01T00:00:00Z");
    String meter = uniqueId("image-style-transfer");
    fx.price(meter, "{\"mode\":\"unit\",\"currency\":\"USD\",\"unitName\":\"picture\",\"perUnit\":\"0.08\","
        + "\"concurrencyDefault\":3}");
    String daily = fx.packageOf(uniqueId("cc-day"), "{\"name\":\"Concurrency per day\",\"kind\":\"concurrency\","
        + "\"meters\":[\"" + meter + "\"],\"concurrency\":1,\"price\":\"200\",\"currency\":\"USD\",\"validity\":\"P1D\"}");
    String root = fx.account(uniqueId("family"));
    String member = fx.subAccount(uniqueId("member"), root);
    fx.credit(root, "500.00");
    fx.credit(member, "10.00");
    fx.clock(T0);
    for (int i = 0; i < 3; i++) {
      assertThat(fx.authorize(i == 0 ? member : root, meter, "c" + i).status()).isEqualTo(200);
    }
    Api.Response fourth = fx.authorize(root, meter, "c3");
    assertThat(fourth.status()).isEqualTo(429);
    assertThat(fourth.code()).isEqualTo("concurrency_limit");

    JsonNode slot = fx.bought(root, daily, 1);
    assertThat(fx.authorize(root, meter, "c4").status()).isEqualTo(200);
    assertThat(fx.authorize(member, meter, "c5").code()).isEqualTo("concurrency_limit");
    JsonNode shown = fx.balance(root).get("concurrency").get(0);
    assertThat(shown.get("slots").asInt()).isEqualTo(1);
    assertThat(shown.get("status").asString()).isEqualTo("available");
    assertThat(shown.get("expiresAt").asString()).isEqualTo("2026-11-03T10:00:00Z");

    // A day later the package lapsed (and the holds expired): back to three.
    fx.clock("2026-11-03T10:00:00Z");
    for (int i = 0; i < 3; i++) {
      assertThat(fx.authorize(root, meter, "d" + i).status()).isEqualTo(200);
    }
    assertThat(fx.authorize(root, meter, "d3").code()).isEqualTo("concurrency_limit");
    assertThat(slot.get("kind").asString()).isEqualTo("concurrency");
  }

  @Test
  void refusesPackageBodiesWithACodePerField() {
    String base = "\"currency\":\"USD\",\"validity\":\"P1Y\",\"price\":\"1\"";
    String[][] cases = {
      {"{\"kind\":\"prepaid\",\"denomination\":\"money\",\"amount\":\"1\"," + base + "}", "missing_field"},
      {"{\"name\":\" \",\"kind\":\"prepaid\",\"denomination\":\"money\",\"amount\":\"1\"," + base + "}", "name_invalid"},
      {"{\"name\":\"n\",\"kind\":\"gold\",\"denomination\":\"money\",\"amount\":\"1\"," + base + "}", "kind_invalid"},
      {"{\"name\":\"n\",\"kind\":\"prepaid\",\"denomination\":\"coins\",\"amount\":\"1\"," + base + "}", "denomination_invalid"},
      {"{\"name\":\"n\",\"kind\":\"prepaid\",\"meters\":[],\"denomination\":\"money\",\"amount\":\"1\"," + base + "}", "meters_empty"},
      {"{\"name\":\"n\",\"kind\":\"prepaid\",\"meters\":[\"a\",\"a\"],\"denomination\":\"money\",\"amount\":\"1\"," + base + "}", "meter_invalid"},
      {"{\"name\":\"n\",\"kind\":\"prepaid\",\"denomination\":\"units\",\"amount\":\"1\"," + base + "}", "units_package_needs_one_meter"},
      {"{\"name\":\"n\",\"kind\":\"prepaid\",\"meters\":[\"m\"],\"denomination\":\"units\",\"amount\":\"1.5\"," + base + "}", "amount_invalid"},
      {"{\"name\":\"n\",\"kind\":\"prepaid\",\"denomination\":\"money\",\"amount\":\"0\"," + base + "}", "amount_not_positive"},
      {"{\"name\":\"n\",\"kind\":\"prepaid\",\"denomination\":\"money\",\"amount\":\"1\",\"price\":\"-1\",\"currency\":\"USD\",\"validity\":\"P1Y\"}", "price_negative"},
      {"{\"name\":\"n\",\"kind\":\"prepaid\",\"denomination\":\"money\",\"amount\":\"1\",\"price\":\"1\",\"currency\":\"usd\",\"validity\":\"P1Y\"}", "currency_invalid"},
      {"{\"name\":\"n\",\"kind\":\"prepaid\",\"denomination\":\"money\",\"amount\":\"1\",\"price\":\"1\",\"currency\":\"USD\",\"validity\":\"1 year\"}", "validity_invalid"},
      {"{\"name\":\"n\",\"kind\":\"prepaid\",\"denomination\":\"money\",\"amount\":\"1\",\"price\":\"1\",\"currency\":\"USD\",\"validity\":\"P101Y\"}", "validity_invalid"},
      {"{\"name\":\"n\",\"kind\":\"prepaid\",\"denomination\":\"money\",\"amount\":\"1\"," + base + ",\"refundableDays\":367}", "refundable_days_invalid"},
      {"{\"name\":\"n\",\"kind\":\"prepaid\",\"denomination\":\"money\",\"amount\":\"1\"," + base + ",\"rank\":1}", "field_not_applicable"},
      {"{\"name\":\"n\",\"kind\":\"edition\",\"denomination\":\"money\",\"monthlyAllowance\":\"1\"," + base + ",\"rank\":1001}", "rank_invalid"},
      {"{\"name\":\"n\",\"kind\":\"edition\",\"denomination\":\"money\"," + base + ",\"rank\":1}", "missing_field"},
      {"{\"name\":\"n\",\"kind\":\"concurrency\",\"meters\":[\"m\"],\"concurrency\":0," + base + "}", "concurrency_invalid"},
      {"{\"name\":\"n\",\"kind\":\"concurrency\",\"meters\":[\"m\"],\"concurrency\":1,\"amount\":\"1\"," + base + "}", "field_not_applicable"},
    };
    for (String[] c : cases) {
      Api.Response r = api().put("/v1/packages/" + uniqueId("bad"), c[0]);
      assertThat(r.status()).as(c[0] + " → " + r).isEqualTo(422);
      assertThat(r.code()).as(c[0]).isEqualTo(c[1]);
    }
    assertThat(api().put("/v1/packages/" + "x".repeat(129), "{}").code()).isEqualTo("package_id_invalid");
    assertThat(api().get("/v1/packages/" + uniqueId("none")).code()).isEqualTo("package_not_found");
  }

  @Test
  void replacesAPackageSoLaterPurchasesPayTheNewPrice() {
    PackageFixture fx = new PackageFixture(api());
    String id = uniqueId("pack");
    String body = "{\"name\":\"p\",\"kind\":\"prepaid\",\"denomination\":\"money\",\"amount\":\"10\",\"price\":\"%s\","
        + "\"currency\":\"USD\",\"validity\":\"P1Y\",\"refundableDays\":7}";
    fx.packageOf(id, body.formatted("8"));
    String acct = fx.account(uniqueId("reprice"));
    fx.credit(acct, "20.00");
    assertThat(fx.bought(acct, id, 1).get("amount").asString()).isEqualTo("8.00");
    fx.packageOf(id, body.formatted("9"));
    assertThat(api().get("/v1/packages/" + id).text("price")).isEqualTo("9.00");
    assertThat(fx.bought(acct, id, 1).get("amount").asString()).isEqualTo("9.00");
    assertThat(api().get("/v1/packages?limit=200").json().get("items").size()).isGreaterThan(0);
    assertThat(fx.buy(acct, id, 1, UUID.randomUUID().toString()).code()).isEqualTo("insufficient_credit");
  }
}
