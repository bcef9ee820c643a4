package dev.tollgate.server.security;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down guessing of secrets: after {@code failuresMax} failed authentications from one client
 * address within a fixed window, that address is refused (429 {@code too_many_auth_failures}) for
 * the rest of the window, even with the right secret. Successes never pay: {@link #blockedFor} is
 * one lock-free map read with no write, and nothing is recorded for them.
 *
 * <p>Per node and in memory: with n nodes a guesser gets at most n times the limit, which is still
 * far from what guessing a 256-bit token needs. Memory is bounded by {@code addressesMax}: when the
 * table is full, expired windows are dropped first, then the oldest window. The admin-token filter
 * uses it; the console and portal login forms use the same instance through its public API.
 */
public final class AuthFailureLimiter {
  public static final int FAILURES_MAX_DEFAULT = 20;
  public static final Duration WINDOW_DEFAULT = Duration.ofMinutes(1);
  public static final int ADDRESSES_MAX_DEFAULT = 10_000;

  private record Window(Instant startedAt, int failures) {}

  private final int failuresMax;
  private final Duration window;
  private final int addressesMax;
  private final InstantSource clock;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  public AuthFailureLimiter(int failuresMax, Duration window, int addressesMax, InstantSource clock) {
    if (failuresMax < 1 || window.isNegative() || window.isZero() || addressesMax < 1) {
      throw new IllegalArgumentException("auth failure limits must be positive");
    }
    this.failuresMax = failuresMax;
    this.window = window;
    this.addressesMax = addressesMax;
    this.clock = clock;
  }

  public int failuresMax() {
    return failuresMax;
  }

  public Duration window() {
    return window;
  }

  /** Empty when the address may try; otherwise how long it must wait. Never writes. */
  /** Whole seconds to put in {@code Retry-After}: rounded up, at least 1. */
  public static long retryAfterSeconds(Duration wait) {
    return Math.max(1, (wait.toMillis() + 999) / 1000);
  }

  public Optional<Duration> blockedFor(String address) {
    Window w = windows.get(address);
    if (w == null || w.failures < failuresMax) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    return inWindow(w, now) ? Optional.of(Duration.between(now, w.startedAt.plus(window))) : Optional.empty();
  }

  /** Counts one failed authentication of the address in its current window. */
  public void recordFailure(String address) {
    Instant now = clock.instant();
    if (windows.size() >= addressesMax && !windows.containsKey(address)) {
      makeRoom(now);
    }
    windows.compute(address, (k, w) -> w == null || !inWindow(w, now)
        ? new Window(now, 1)
        : new Window(w.startedAt, w.failures + 1));
  }

  /** Forgets an address's failures (an operator unblocking it, or a test starting clean). */
  public void forget(String address) {
    windows.remove(address);
  }

  /** How many addresses are tracked now; never much above {@code addressesMax}. */
  public int trackedAddresses() {
    return windows.size();
  }

  /** A clock set back before a window's start ends that window too (test clocks, clock corrections). */
  private boolean inWindow(Window w, Instant now) {
    return !now.isBefore(w.startedAt) && now.isBefore(w.startedAt.plus(window));
  }

  private void makeRoom(Instant now) {
    windows.values().removeIf(w -> !inWindow(w, now));
    while (windows.size() >= addressesMax) {
      windows.entrySet().stream()
          .min(Comparator.comparing((Map.Entry<String, Window> e) -> e.getValue().startedAt))
          .ifPresent(e -> windows.remove(e.getKey(), e.getValue()));
    }
  }
}
