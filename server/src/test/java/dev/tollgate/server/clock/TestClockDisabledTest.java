package dev.tollgate.server.clock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "tollgate.test-clock=false")
class TestClockDisabledTest extends ServerTest {

  @Test
  void hasNoTestClockRouteWhenTheTestClockIsOff() {
    assertThat(api().get("/v1/test/clock").status()).isEqualTo(404);
    assertThat(api().put("/v1/test/clock", "{\"now\":\"2026-01-01T00:00:00Z\"}").status()).isEqualTo(404);
  }
}
