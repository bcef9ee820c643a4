package dev.tollgate.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.ConsoleClient;
import dev.tollgate.server.support.ServerTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConsoleSessionTimeoutTest extends ServerTest {
  private static final Instant T0 = Instant.parse("2026-10-01T08:00:00Z");

  @AfterEach
  void resetClock() {
    api().delete("/v1/test/clock");
  }

  private void at(Instant now) {
    assertThat(api().put("/v1/test/clock", "{\"now\":\"" + now + "\"}").status()).isEqualTo(200);
  }

  private static boolean signedIn(ConsoleClient c) {
    return c.get("/console/reconciliation").response().uri().getPath().equals("/console/reconciliation");
  }

  @Test
  void aSessionEndsAfterThirtyIdleMinutesButNotBefore() {
    at(T0);
    ConsoleClient c = new ConsoleClient("http://127.0.0.1:" + port);
    c.signIn(ADMIN_TOKEN);
    Duration justBefore = ConsoleSessions.IDLE_TIMEOUT.minusSeconds(1);
    at(T0.plus(justBefore));
    assertThat(signedIn(c)).isTrue();
    at(T0.plus(justBefore).plus(justBefore));
    assertThat(signedIn(c)).as("a request restarts the idle time").isTrue();
    at(T0.plus(justBefore).plus(justBefore).plus(ConsoleSessions.IDLE_TIMEOUT));
    assertThat(signedIn(c)).isFalse();
  }

  @Test
  void aBusySessionStillEndsTwelveHoursAfterSignIn() {
    at(T0);
    ConsoleClient c = new ConsoleClient("http://127.0.0.1:" + port);
    c.signIn(ADMIN_TOKEN);
    Instant now = T0;
    Instant end = T0.plus(ConsoleSessions.ABSOLUTE_TIMEOUT);
    while (now.plus(Duration.ofMinutes(25)).isBefore(end)) {
      now = now.plus(Duration.ofMinutes(25));
      at(now);
      assertThat(signedIn(c)).as("at %s", now).isTrue();
    }
    at(end.minusSeconds(1));
    assertThat(signedIn(c)).isTrue();
    at(end);
    assertThat(signedIn(c)).isFalse();
  }
}
