package dev.tollgate.server.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.Api;
import dev.tollgate.server.support.ServerTest;
import org.junit.jupiter.api.Test;

class BillingModesTest extends ServerTest {

  @Test
  void recordsCostButChargesNothingInSelfMode() {
    HotPathFixture fx = new HotPathFixture(api());
    String meter = uniqueId("self");
    fx.price(meter, "{\"mode\":\"call\",\"currency\":\"USD\",\"perCall\":\"0.50\"}");
    String acct = fx.account(uniqueId("internal"));
    assertThat(api().put("/v1/accounts/" + acct + "/settings", "{\"billingMode\":\"self\"}").text("billingMode")).isEqualTo("self");
    // No credit at all, yet self mode admits the call: usage is only recorded.
    Api.Response auth = fx.authorize("{\"requestId\":\"s1\",\"accountId\":\"" + acct + "\",\"meter\":\"" + meter + "\",\"estimate\":{\"calls\":1}}");
    assertThat(auth.status()).as(auth.toString()).isEqualTo(200);
    assertThat(auth.json().get("settings").get("billingMode").asString()).isEqualTo("self");
    Api.Response settled = fx.settle("{\"requestId\":\"s1\",\"accountId\":\"" + acct + "\",\"meter\":\"" + meter + "\",\"status\":\"success\"}");
    assertThat(settled.text("amount")).isEqualTo("0.50");
    assertThat(settled.text("billingMode")).isEqualTo("self");
    assertThat(settled.json().get("charges").size()).isZero();
    assertThat(fx.wallet(acct)).isEqualTo("0.00");
  }

  @Test
  void changesTheModeForFutureCallsOnly() {
    HotPathFixture fx = new HotPathFixture(api());
    String meter = uniqueId("switch");
    fx.price(meter, "{\"mode\":\"call\",\"currency\":\"USD\",\"perCall\":\"0.50\"}");
    String acct = fx.account(uniqueId("switcher"));
    fx.credit(acct, "1.00");
    api().put("/v1/accounts/" + acct + "/settings", "{\"billingMode\":\"self\"}");
    fx.settle("{\"requestId\":\"m1\",\"accountId\":\"" + acct + "\",\"meter\":\"" + meter + "\",\"status\":\"success\"}");
    api().put("/v1/accounts/" + acct + "/settings", "{\"billingMode\":\"\"}");
    Api.Response charged = fx.settle("{\"requestId\":\"m2\",\"accountId\":\"" + acct + "\",\"meter\":\"" + meter + "\",\"status\":\"success\"}");
    assertThat(charged.text("billingMode")).isEqualTo("usage");
    assertThat(fx.wallet(acct)).isEqualTo("0.50");
    // The first call keeps the mode it was billed in.
    Api.Response replay = fx.settle("{\"requestId\":\"m1\",\"accountId\":\"" + acct + "\",\"meter\":\"" + meter + "\",\"status\":\"success\"}");
    assertThat(replay.text("billingMode")).isEqualTo("self");
  }

  @Test
  void holdsTheAccountsPrepaidAmountWhenNoEstimateIsGiven() {
    HotPathFixture fx = new HotPathFixture(api());
    String meter = uniqueId("prepaid");
    fx.price(meter, "{\"mode\":\"token\",\"currency\":\"USD\",\"inputPer1M\":\"1.00\",\"outputPer1M\":\"1.00\"}");
    String acct = fx.account(uniqueId("prepayer"));
    fx.credit(acct, "1.00");
    api().put("/v1/accounts/" + acct + "/settings", "{\"prepaidAmount\":\"0.40\"}");
    Api.Response first = fx.authorize("{\"requestId\":\"h1\",\"accountId\":\"" + acct + "\",\"meter\":\"" + meter + "\"}");
    assertThat(first.text("heldAmount")).isEqualTo("0.40");
    assertThat(fx.authorize("{\"requestId\":\"h2\",\"accountId\":\"" + acct + "\",\"meter\":\"" + meter + "\"}").status()).isEqualTo(200);
    Api.Response third = fx.authorize("{\"requestId\":\"h3\",\"accountId\":\"" + acct + "\",\"meter\":\"" + meter + "\"}");
    assertThat(third.status()).isEqualTo(402);
    assertThat(third.code()).isEqualTo("insufficient_credit");
    assertThat(api().get("/v1/accounts/" + acct + "/balance").text("holds")).isEqualTo("0.80");
    // Releasing a hold gives its credit back to later calls.
    assertThat(api().post("/v1/holds/" + first.text("holdId") + "/release", "").status()).isEqualTo(200);
    Api.Response renewReleased = api().post("/v1/holds/" + first.text("holdId") + "/renew", "");
    assertThat(renewReleased.status()).isEqualTo(409);
    assertThat(renewReleased.code()).isEqualTo("hold_not_live");
    assertThat(api().post("/v1/holds/hld_nope/renew", "").code()).isEqualTo("hold_not_found");
    assertThat(fx.authorize("{\"requestId\":\"h4\",\"accountId\":\"" + acct + "\",\"meter\":\"" + meter + "\"}").status()).isEqualTo(200);
  }

  @Test
  void refusesAnUnknownModeAndANegativePrepaidAmount() {
    String acct = new HotPathFixture(api()).account(uniqueId("bad"));
    Api.Response mode = api().put("/v1/accounts/" + acct + "/settings", "{\"billingMode\":\"free-for-all\"}");
    assertThat(mode.status()).isEqualTo(422);
    assertThat(mode.code()).isEqualTo("billing_mode_invalid");
    Api.Response prepaid = api().put("/v1/accounts/" + acct + "/settings", "{\"prepaidAmount\":\"-1\"}");
    assertThat(prepaid.status()).isEqualTo(422);
    assertThat(prepaid.code()).isEqualTo("amount_negative");
  }

  @Test
  void readsAndChangesThePlatformSettings() {
    Api.Response before = api().get("/v1/billing/settings");
    assertThat(before.status()).isEqualTo(200);
    try {
      Api.Response changed = api().put("/v1/billing/settings", "{\"holdTimeoutMs\":120000}");
      assertThat(changed.json().get("holdTimeoutMs").asLong()).isEqualTo(120000);
      assertThat(api().put("/v1/billing/settings", "{\"holdTimeoutMs\":999}").code()).isEqualTo("hold_timeout_invalid");
      assertThat(api().put("/v1/billing/settings", "{\"billingMode\":\"x\"}").code()).isEqualTo("billing_mode_invalid");
    } finally {
      api().put("/v1/billing/settings", "{\"holdTimeoutMs\":" + before.json().get("holdTimeoutMs").asLong()
          + ",\"billingMode\":\"" + before.text("billingMode") + "\",\"prepaidAmount\":\"" + before.text("prepaidAmount") + "\"}");
    }
  }
}
