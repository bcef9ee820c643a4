package dev.tollgate.server.notify;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * When a failed delivery is tried again: 1 min, 5 min, 30 min, 2 h and 12 h after the 1st to 5th
 * failed attempt; the 6th failure makes it dead. About 15 hours in all, so a receiver that is down
 * for a night still gets every notice, and one that is gone for good stops costing requests.
 */
final class RetrySchedule {
  static final List<Duration> BACKOFF = List.of(
      Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(12));
  /** The first try and one per backoff step. */
  static final int ATTEMPTS_MAX = BACKOFF.size() + 1;

  private RetrySchedule() {}

  /** The wait after failed attempt number {@code attempt} (1-based), or empty when it was the last. */
  static Optional<Duration> after(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempts count from 1, was " + attempt);
    }
    return attempt >= ATTEMPTS_MAX ? Optional.empty() : Optional.of(BACKOFF.get(attempt - 1));
  }
}
