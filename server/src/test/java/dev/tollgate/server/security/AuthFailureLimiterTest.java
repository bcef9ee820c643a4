package dev.tollgate.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

class AuthFailureLimiterTest {
  private Instant now = Instant.parse("2030-01-01T00:00:00Z");
  private final InstantSource clock = () -> now;

  @Test
  void blocksAnAddressAtItsLimitForTheRestOfTheWindowOnly() {
    AuthFailureLimiter limiter = new AuthFailureLimiter(3, Duration.ofMinutes(1), 100, clock);
    limiter.recordFailure("10.0.0.1");
    limiter.recordFailure("10.0.0.1");
    assertThat(limiter.blockedFor("10.0.0.1")).as("one below the limit").isEmpty();
    now = now.plusSeconds(20);
    limiter.recordFailure("10.0.0.1");
    assertThat(limiter.blockedFor("10.0.0.1")).as("at the limit").contains(Duration.ofSeconds(40));
    assertThat(limiter.blockedFor("10.0.0.2")).as("other addresses are not affected").isEmpty();
    now = now.plusSeconds(40);
    assertThat(limiter.blockedFor("10.0.0.1")).as("a new window").isEmpty();
    limiter.recordFailure("10.0.0.1");
    assertThat(limiter.blockedFor("10.0.0.1")).as("the old window's failures are gone").isEmpty();
  }

  @Test
  void tracksAtMostTheNamedNumberOfAddressesDroppingTheOldestWindowFirst() {
    AuthFailureLimiter limiter = new AuthFailureLimiter(1, Duration.ofMinutes(1), 3, clock);
    for (int i = 0; i < 3; i++) {
      limiter.recordFailure("10.0.0." + i);
      now = now.plusSeconds(1);
    }
    assertThat(limiter.trackedAddresses()).isEqualTo(3);
    limiter.recordFailure("10.0.0.9");
    assertThat(limiter.trackedAddresses()).as("at the limit, one past is made room for").isEqualTo(3);
    assertThat(limiter.blockedFor("10.0.0.0")).as("the oldest window was dropped").isEmpty();
    assertThat(limiter.blockedFor("10.0.0.9")).isPresent();
  }

  @Test
  void aClockSetBackBeforeTheWindowEndsTheWindow() {
    AuthFailureLimiter limiter = new AuthFailureLimiter(1, Duration.ofMinutes(1), 10, clock);
    limiter.recordFailure("10.0.0.1");
    assertThat(limiter.blockedFor("10.0.0.1")).isPresent();
    now = now.minusSeconds(1);
    assertThat(limiter.blockedFor("10.0.0.1")).isEmpty();
  }

  @Test
  void refusesASettingPastItsNamedBounds() {
    assertThat(new AuthFailureProperties(null, null, null).max()).isEqualTo(AuthFailureLimiter.FAILURES_MAX_DEFAULT);
    assertThat(new AuthFailureProperties(1, AuthFailureProperties.WINDOW_SECONDS_MAX, AuthFailureProperties.ADDRESSES_MAX_CEILING)
        .windowSeconds()).isEqualTo(AuthFailureProperties.WINDOW_SECONDS_MAX);
    assertThatThrownBy(() -> new AuthFailureProperties(0, null, null)).hasMessageContaining("TOLLGATE_AUTH_FAILURES_MAX");
    assertThatThrownBy(() -> new AuthFailureProperties(null, AuthFailureProperties.WINDOW_SECONDS_MAX + 1, null))
        .hasMessageContaining("TOLLGATE_AUTH_FAILURE_WINDOW_SECONDS");
    assertThatThrownBy(() -> new AuthFailureProperties(null, null, AuthFailureProperties.ADDRESSES_MAX_CEILING + 1))
        .hasMessageContaining("TOLLGATE_AUTH_FAILURE_ADDRESSES_MAX");
  }

  @Test
  void forgettingAnAddressUnblocksIt() {
    AuthFailureLimiter limiter = new AuthFailureLimiter(1, Duration.ofMinutes(1), 10, clock);
    limiter.recordFailure("10.0.0.1");
    assertThat(limiter.blockedFor("10.0.0.1")).isPresent();
    limiter.forget("10.0.0.1");
    assertThat(limiter.blockedFor("10.0.0.1")).isEmpty();
  }
}
