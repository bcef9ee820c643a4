package dev.tollgate.server.clock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.Api;
import dev.tollgate.server.support.ServerTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TestClockTest extends ServerTest {

  @AfterEach
  void backToTheSystemClock() {
    assertThat(api().delete("/v1/test/clock").status()).isEqualTo(200);
  }

  @Test
  void setsTheClockThatEveryRuleReads() {
    Api.Response put = api().put("/v1/test/clock", "{\"now\":\"2026-10-31T23:59:59Z\"}");
    assertThat(put.status()).isEqualTo(200);
    assertThat(api().get("/v1/test/clock").text("now")).isEqualTo("2026-10-31T23:59:59Z");

    String id = uniqueId("clock");
    Api.Response created = api().post("/v1/accounts", "{\"id\":\"" + id + "\",\"name\":\"Clock\"}");
    assertThat(created.text("createdAt")).isEqualTo("2026-10-31T23:59:59Z");
  }

  @Test
  void refusesAClockWithoutAnInstant() {
    Api.Response response = api().put("/v1/test/clock", "{}");
    assertThat(response.status()).isEqualTo(422);
    assertThat(response.code()).isEqualTo("missing_field");
  }

  @Test
  void refusesAnInstantThatIsNotRfc3339() {
    Api.Response response = api().put("/v1/test/clock", "{\"now\":\"yesterday\"}");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.code()).isEqualTo("invalid_type");
  }
}
