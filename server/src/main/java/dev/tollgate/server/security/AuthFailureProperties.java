package dev.tollgate.server.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The authentication-failure limit (TOLLGATE_AUTH_FAILURES_MAX per TOLLGATE_AUTH_FAILURE_WINDOW_SECONDS
 * per client address, TOLLGATE_AUTH_FAILURE_ADDRESSES_MAX addresses tracked); see {@link AuthFailureLimiter}.
 */
@ConfigurationProperties(prefix = "tollgate.auth-failures")
public record AuthFailureProperties(Integer max, Long windowSeconds, Integer addressesMax) {
  /** A day: a longer block is an outage for a shared address, not a defence. */
  public static final long WINDOW_SECONDS_MAX = 86_400;
  public static final int ADDRESSES_MAX_CEILING = 1_000_000;

  public AuthFailureProperties {
    if (max == null) {
      max = AuthFailureLimiter.FAILURES_MAX_DEFAULT;
    }
    if (windowSeconds == null) {
      windowSeconds = AuthFailureLimiter.WINDOW_DEFAULT.toSeconds();
    }
    if (addressesMax == null) {
      addressesMax = AuthFailureLimiter.ADDRESSES_MAX_DEFAULT;
    }
    if (max < 1 || max > 1_000_000) {
      throw new IllegalArgumentException("TOLLGATE_AUTH_FAILURES_MAX must be between 1 and 1000000, was " + max);
    }
    if (windowSeconds < 1 || windowSeconds > WINDOW_SECONDS_MAX) {
      throw new IllegalArgumentException(
          "TOLLGATE_AUTH_FAILURE_WINDOW_SECONDS must be between 1 and " + WINDOW_SECONDS_MAX + ", was " + windowSeconds);
    }
    if (addressesMax < 1 || addressesMax > ADDRESSES_MAX_CEILING) {
      throw new IllegalArgumentException("TOLLGATE_AUTH_FAILURE_ADDRESSES_MAX must be between 1 and "
          + ADDRESSES_MAX_CEILING + ", was " + addressesMax);
    }
  }
}
