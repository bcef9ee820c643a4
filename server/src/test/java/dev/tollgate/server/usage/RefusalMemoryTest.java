package dev.tollgate.server.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.Api;
import dev.tollgate.server.support.ServerTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A caller refused for a lasting reason (nothing to spend, suspended, unknown) is refused again
 * from memory, without a batch, until a write on this node commits; nothing is ever admitted from
 * memory.
 */
class RefusalMemoryTest extends ServerTest {
  @Autowired MeterRegistry registry;

  private HotPathFixture fx() {
    return new HotPathFixture(api());
  }

  /** Authorise batches committed so far: a refusal from memory adds none. */
  private long authorizeBatches() {
    var summary = registry.find("tollgate.batch.size").tag("pipeline", "authorize").summary();
    return summary == null ? 0 : summary.count();
  }

  private String callMeter(HotPathFixture fx) {
    String meter = uniqueId("remembered");
    fx.price(meter, "{\"mode\":\"call\",\"currency\":\"USD\",\"perCall\":\"1.00\"}");
    return meter;
  }

  private static String authorizeBody(String request, String acct, String meter, String estimate) {
    return "{\"requestId\":\"" + request + "\",\"accountId\":\"" + acct + "\",\"meter\":\"" + meter + "\""
        + (estimate == null ? "" : ",\"estimate\":" + estimate) + "}";
  }

  @Test
  void aBrokeCallerIsRefusedFromMemoryUntilATopUpCommits() {
    HotPathFixture fx = fx();
    String meter = callMeter(fx);
    String acct = fx.account(uniqueId("broke"));

    Api.Response first = fx.authorize(authorizeBody("r1", acct, meter, "{\"calls\":1}"));
    assertThat(first.code()).as(first.toString()).isEqualTo("insufficient_credit");
    long batches = authorizeBatches();
    Api.Response again = fx.authorize(authorizeBody("r2", acct, meter, "{\"calls\":3}"));
    assertThat(again.status()).isEqualTo(402);
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(authorizeBatches()).as("answered without a batch").isEqualTo(batches);

    fx.credit(acct, "5.00");
    Api.Response admitted = fx.authorize(authorizeBody("r3", acct, meter, "{\"calls\":1}"));
    assertThat(admitted.status()).as(admitted.toString()).isEqualTo(200);
  }

  @Test
  void aCallWhoseEstimateCostsNothingOrWhichHasNoEstimateIsNotRefusedFromAnotherCallsMemory() {
    HotPathFixture fx = fx();
    String meter = uniqueId("tokens");
    fx.price(meter, "{\"mode\":\"token\",\"currency\":\"USD\",\"inputPer1M\":\"2.50\",\"outputPer1M\":\"10.00\"}");
    String acct = fx.account(uniqueId("zero"));
    assertThat(fx.authorize(authorizeBody("z1", acct, meter, "{\"inputTokens\":1000}")).status()).isEqualTo(402);

    long batches = authorizeBatches();
    // No tokens hold nothing, which the account can afford: the database decides, and admits it.
    Api.Response nothing = fx.authorize(authorizeBody("z2", acct, meter, "{\"inputTokens\":0}"));
    assertThat(nothing.status()).as(nothing.toString()).isEqualTo(200);
    // Without an estimate the hold is the prepaid amount: also the database's decision.
    fx.authorize(authorizeBody("z3", acct, meter, null));
    assertThat(authorizeBatches()).isEqualTo(batches + 2);
  }

  @Test
  void aSuspendedAccountIsAdmittedAsSoonAsItIsActiveAgain() {
    HotPathFixture fx = fx();
    String meter = callMeter(fx);
    String acct = fx.account(uniqueId("paused"));
    fx.credit(acct, "5.00");
    api().patch("/v1/accounts/" + acct, "{\"status\":\"suspended\"}");
    assertThat(fx.authorize(authorizeBody("s1", acct, meter, null)).code()).isEqualTo("account_suspended");
    assertThat(fx.authorize(authorizeBody("s2", acct, meter, null)).code()).isEqualTo("account_suspended");

    api().patch("/v1/accounts/" + acct, "{\"status\":\"active\"}");
    Api.Response admitted = fx.authorize(authorizeBody("s3", acct, meter, null));
    assertThat(admitted.status()).as(admitted.toString()).isEqualTo(200);
  }

  @Test
  void anUnknownKeyIsRefusedFromMemoryAndAnUnknownAccountIsFoundOnceCreated() {
    HotPathFixture fx = fx();
    String meter = callMeter(fx);
    String key = "tg_abcdefghijkl_" + "0".repeat(32); // well formed, never issued
    Api.Response unknownKey = fx.authorize("{\"requestId\":\"k1\",\"apiKey\":\"" + key + "\",\"meter\":\"" + meter + "\"}");
    assertThat(unknownKey.code()).isEqualTo("invalid_api_key");
    long batches = authorizeBatches();
    assertThat(fx.authorize("{\"requestId\":\"k2\",\"apiKey\":\"" + key + "\",\"meter\":\"" + meter + "\"}").code())
        .isEqualTo("invalid_api_key");
    assertThat(authorizeBatches()).isEqualTo(batches);

    String acct = uniqueId("later");
    assertThat(fx.authorize(authorizeBody("a1", acct, meter, null)).code()).isEqualTo("account_not_found");
    fx.account(acct);
    fx.credit(acct, "5.00");
    assertThat(fx.authorize(authorizeBody("a2", acct, meter, null)).status()).isEqualTo(200);
  }
}
