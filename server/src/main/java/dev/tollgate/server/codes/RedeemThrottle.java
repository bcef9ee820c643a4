package dev.tollgate.server.codes;

import dev.tollgate.server.http.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Throttles guessing: at most {@link #FAILURES_MAX} failed redemptions ({@code code_invalid}) per
 * account and per client address within {@link #WINDOW}; past that, 429 {@code
 * too_many_attempts} until the oldest failure leaves the window. Failures are rows in PostgreSQL,
 * so the limit holds across nodes. The check runs before the redemption and the failure is
 * recorded after it, outside its transaction (which rolled back): a burst of concurrent guesses
 * can overshoot by at most the burst's concurrency, never by more.
 */
@Component
class RedeemThrottle {
  /** A person mistyping a code needs a few tries; a guesser needs ~2^58 (CodeFormat). */
  static final int FAILURES_MAX = 10;
  static final Duration WINDOW = Duration.ofMinutes(10);

  private final CodeStore codes;
  private final InstantSource clock;

  RedeemThrottle(CodeStore codes, InstantSource clock) {
    this.codes = codes;
    this.clock = clock;
  }

  void check(String accountId, String address) {
    Instant since = clock.instant().minus(WINDOW);
    if (codes.failuresSince(accountSubject(accountId), since) >= FAILURES_MAX
        || codes.failuresSince(addressSubject(address), since) >= FAILURES_MAX) {
      throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "too_many_attempts",
          "too many invalid codes from this account or address; try again in " + WINDOW.toMinutes() + " minutes");
    }
  }

  void recordFailure(String accountId, String address) {
    Instant now = clock.instant();
    codes.recordFailure(accountSubject(accountId), now, now.minus(WINDOW));
    codes.recordFailure(addressSubject(address), now, now.minus(WINDOW));
  }

  private static String accountSubject(String accountId) {
    return "account:" + accountId;
  }

  private static String addressSubject(String address) {
    return "address:" + address;
  }
}
