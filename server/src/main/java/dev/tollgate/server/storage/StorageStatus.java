package dev.tollgate.server.storage;

import java.time.Duration;
import java.time.Instant;

/**
 * Seed 000: "When a package expires or PU resources are exhausted, and the used amount of the
 * knowledge base exceeds the available amount, the excess knowledge will be marked as 'excess
 * invalid' status after 7 days." Where an account's knowledge base stands at a moment.
 *
 * @param overSince when usage was first seen above capacity; null while within capacity
 * @param invalidSince {@code overSince + GRACE} once that has passed; null before
 */
public record StorageStatus(long usedUnits, long capacityUnits, Instant overSince, Instant invalidSince) {
  /** Seed 000's "after 7 days": how long an excess may last before it is marked invalid. */
  public static final Duration GRACE = Duration.ofDays(7);

  public static final String OK = "ok";
  public static final String OVER_CAPACITY = "over_capacity";
  public static final String EXCESS_INVALID = "excess_invalid";

  /**
   * The status at {@code now} from the last one: within capacity clears both marks (restored);
   * above it keeps the first {@code overSince} (or starts it now) and marks the excess invalid once
   * the grace has passed. Evaluating again at the same moment changes nothing.
   */
  static StorageStatus evaluate(long usedUnits, long capacityUnits, Instant overSince, Instant now) {
    if (usedUnits <= capacityUnits) {
      return new StorageStatus(usedUnits, capacityUnits, null, null);
    }
    Instant since = overSince == null ? now : overSince;
    Instant invalidAt = since.plus(GRACE);
    return new StorageStatus(usedUnits, capacityUnits, since, now.isBefore(invalidAt) ? null : invalidAt);
  }

  public long excessUnits() {
    return Math.max(0, usedUnits - capacityUnits);
  }

  public String status() {
    if (invalidSince != null) {
      return EXCESS_INVALID;
    }
    return overSince != null ? OVER_CAPACITY : OK;
  }
}
