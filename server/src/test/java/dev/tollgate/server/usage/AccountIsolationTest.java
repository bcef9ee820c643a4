package dev.tollgate.server.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.Api;
import dev.tollgate.server.support.ServerTest;
import org.junit.jupiter.api.Test;

/** An API key reaches its own account's credit, holds and usage, and nothing of another account. */
class AccountIsolationTest extends ServerTest {
  private HotPathFixture fx() {
    return new HotPathFixture(api());
  }

  private record Two(String meter, String a, String keyA, String b, String keyB) {}

  private Two twoAccounts(HotPathFixture fx) {
    String meter = uniqueId("iso");
    fx.price(meter, "{\"mode\":\"call\",\"currency\":\"USD\",\"perCall\":\"0.10\"}");
    String a = fx.account(uniqueId("iso-a"));
    String b = fx.account(uniqueId("iso-b"));
    fx.credit(a, "1.00");
    fx.credit(b, "1.00");
    return new Two(meter, a, fx.key(a), b, fx.key(b));
  }

  private String balance(String account) {
    return api().get("/v1/accounts/" + account + "/balance").body();
  }

  @Test
  void aKeyTogetherWithAnotherAccountsIdIsRefused() {
    HotPathFixture fx = fx();
    Two t = twoAccounts(fx);
    String before = balance(t.b());
    Api.Response r = fx.authorize("{\"requestId\":\"" + uniqueId("r") + "\",\"apiKey\":\"" + t.keyA() + "\",\"accountId\":\""
        + t.b() + "\",\"meter\":\"" + t.meter() + "\"}");
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.code()).isEqualTo("caller_invalid");
    Api.Response s = fx.settle("{\"requestId\":\"" + uniqueId("r") + "\",\"apiKey\":\"" + t.keyA() + "\",\"accountId\":\""
        + t.b() + "\",\"meter\":\"" + t.meter() + "\",\"status\":\"success\"}");
    assertThat(s.code()).isEqualTo("caller_invalid");
    assertThat(balance(t.b())).isEqualTo(before);
  }

  @Test
  void aSettleWithAnotherAccountsHoldIdIsRefusedAndLeavesThatHoldLive() {
    HotPathFixture fx = fx();
    Two t = twoAccounts(fx);
    Api.Response held = fx.authorize("{\"requestId\":\"" + uniqueId("rb") + "\",\"apiKey\":\"" + t.keyB() + "\",\"meter\":\""
        + t.meter() + "\"}");
    assertThat(held.status()).as(held.toString()).isEqualTo(200);
    String holdOfB = held.text("holdId");
    String bBefore = balance(t.b());
    String aBefore = balance(t.a());

    Api.Response r = fx.settle("{\"requestId\":\"" + uniqueId("ra") + "\",\"holdId\":\"" + holdOfB + "\",\"apiKey\":\""
        + t.keyA() + "\",\"meter\":\"" + t.meter() + "\",\"status\":\"success\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(404);
    assertThat(r.code()).isEqualTo("hold_not_found");
    assertThat(r.body()).doesNotContain(t.b());
    assertThat(balance(t.b())).as("B's hold is still live").isEqualTo(bBefore);
    assertThat(balance(t.a())).as("A was not charged").isEqualTo(aBefore);
    Api.Response renewed = api().post("/v1/holds/" + holdOfB + "/renew", "");
    assertThat(renewed.text("status")).as("B's hold was not released").isEqualTo("live");

    Api.Response own = fx.settle("{\"requestId\":\"" + uniqueId("rb2") + "\",\"holdId\":\"" + holdOfB + "\",\"apiKey\":\""
        + t.keyB() + "\",\"meter\":\"" + t.meter() + "\",\"status\":\"success\"}");
    assertThat(own.status()).as("B may name its own hold").isEqualTo(200);
  }

  @Test
  void aRequestIdAnotherAccountUsedReplaysNothingOfThatAccount() {
    HotPathFixture fx = fx();
    Two t = twoAccounts(fx);
    String shared = uniqueId("shared");
    Api.Response ofB = fx.settle("{\"requestId\":\"" + shared + "\",\"apiKey\":\"" + t.keyB() + "\",\"meter\":\"" + t.meter()
        + "\",\"status\":\"success\"}");
    assertThat(ofB.status()).isEqualTo(200);
    String bAfterOwn = balance(t.b());

    Api.Response ofA = fx.settle("{\"requestId\":\"" + shared + "\",\"apiKey\":\"" + t.keyA() + "\",\"meter\":\"" + t.meter()
        + "\",\"status\":\"success\"}");
    assertThat(ofA.status()).isEqualTo(200);
    assertThat(ofA.body()).as("A gets its own answer, not B's stored one").isNotEqualTo(ofB.body()).doesNotContain(t.b());
    assertThat(fx.wallet(t.a())).isEqualTo("0.90");
    assertThat(balance(t.b())).isEqualTo(bAfterOwn);
  }
}
