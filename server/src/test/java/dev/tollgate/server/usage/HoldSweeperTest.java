package dev.tollgate.server.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.Api;
import dev.tollgate.server.support.ServerTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class HoldSweeperTest extends ServerTest {
  @Autowired HoldSweeper sweeper;

  @AfterEach
  void backToTheSystemClock() {
    api().delete("/v1/test/clock");
  }

  @Test
  void deletesHoldsADayAfterTheyEndedAndKeepsLiveOnes() {
    HotPathFixture fx = new HotPathFixture(api());
    String meter = uniqueId("sweep");
    api().put("/v1/test/clock", "{\"now\":\"2026-03-01T00:00:00Z\"}");
    fx.price(meter, "{\"mode\":\"free\",\"effectiveAt\":\"2026-01-01T00:00:00Z\"}");
    String acct = fx.account(uniqueId("sweeper"));
    Api.Response ended = fx.authorize("{\"requestId\":\"old\",\"accountId\":\"" + acct + "\",\"meter\":\"" + meter + "\"}");
    api().post("/v1/holds/" + ended.text("holdId") + "/release", "");

    api().put("/v1/test/clock", "{\"now\":\"2026-03-02T00:00:01Z\"}");
    Api.Response live = fx.authorize("{\"requestId\":\"new\",\"accountId\":\"" + acct + "\",\"meter\":\"" + meter + "\"}");
    assertThat(sweeper.sweepOnce()).isGreaterThanOrEqualTo(1);
    assertThat(api().post("/v1/holds/" + ended.text("holdId") + "/release", "").code()).isEqualTo("hold_not_found");
    assertThat(api().post("/v1/holds/" + live.text("holdId") + "/renew", "").status()).isEqualTo(200);
  }
}
