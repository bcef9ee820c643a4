package dev.tollgate.server.credit.packages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.Api;
import dev.tollgate.server.support.ServerTest;
import org.junit.jupiter.api.Test;

/**
 * Seed 000: "Exclusive concurrency: Within the validity period of the package, using the
 * corresponding model of exclusive concurrency does not consume tokens. It only takes effect by
 * the concurrency limit."
 */
class ExclusiveConcurrencyTest extends ServerTest {

  @Test
  void runsCallsInsideExclusiveSlotsWithoutConsumingCredit() {
    PackageFixture fx = new PackageFixture(api());
    String meter = uniqueId("dedicated-model");
    fx.price(meter, "{\"mode\":\"call\",\"currency\":\"USD\",\"perCall\":\"1.00\",\"concurrencyDefault\":3}");
    String pkg = fx.packageOf(uniqueId("exclusive"), "{\"name\":\"Exclusive x2\",\"kind\":\"concurrency\",\"meters\":[\""
        + meter + "\"],\"concurrency\":2,\"exclusive\":true,\"price\":\"10.00\",\"currency\":\"USD\",\"validity\":\"P1M\"}");
    String acct = fx.account(uniqueId("tenant"));
    fx.credit(acct, "10.00");
    fx.bought(acct, pkg, 1);
    assertThat(fx.balance(acct).get("wallet").asString()).isEqualTo("0.00");

    for (String request : new String[] {"x1", "x2"}) {
      Api.Response auth = fx.authorize(acct, meter, request);
      assertThat(auth.status()).as(auth.toString()).isEqualTo(200);
      assertThat(auth.text("heldAmount")).isEqualTo("0.00");
    }
    // Both exclusive slots are busy: the next call is an ordinary one, and the wallet is empty.
    Api.Response third = api().post("/v1/authorize", "{\"requestId\":\"x3\",\"accountId\":\"" + acct + "\",\"meter\":\""
        + meter + "\",\"estimate\":{\"calls\":1}}");
    assertThat(third.status()).isEqualTo(402);
    assertThat(third.code()).isEqualTo("insufficient_credit");

    Api.Response settled = fx.settle(acct, meter, "x1", null);
    assertThat(settled.status()).as(settled.toString()).isEqualTo(200);
    assertThat(settled.json().get("exclusiveConcurrency").asBoolean()).isTrue();
    assertThat(settled.json().get("charges").size()).isZero();
    assertThat(settled.text("amount")).isEqualTo("1.00");
    assertThat(fx.balance(acct).get("wallet").asString()).isEqualTo("0.00");

    // The slot is free again for the next exclusive call.
    assertThat(fx.authorize(acct, meter, "x4").status()).isEqualTo(200);
  }

  @Test
  void refusesTheExclusiveFlagOnAnythingButAConcurrencyPackage() {
    Api.Response response = api().put("/v1/packages/" + uniqueId("bad"), "{\"name\":\"P\",\"kind\":\"prepaid\",\"denomination\":\"money\","
        + "\"amount\":\"10\",\"price\":\"10\",\"currency\":\"USD\",\"validity\":\"P1Y\",\"exclusive\":true}");
    assertThat(response.status()).isEqualTo(422);
    assertThat(response.code()).isEqualTo("field_not_applicable");
  }
}
