package dev.tollgate.core.accounts;

import java.time.Duration;
import java.time.Instant;

/**
 * Seed 002: the postpaid switch "can be modified once per hour". A change is allowed when the
 * previous change is at least {@link #MIN_INTERVAL} ago; setting the current value again is not a
 * change and is always allowed. The account's creation (postpaid off) is not a change.
 */
public final class PostpaidSwitch {
  public static final Duration MIN_INTERVAL = Duration.ofHours(1);

  private PostpaidSwitch() {}

  /**
   * @param lastChangedAt when the switch last changed, or null if it never did
   * @return whether turning the switch to {@code requested} at {@code now} is allowed
   */
  public static boolean allows(boolean current, boolean requested, Instant lastChangedAt, Instant now) {
    if (current == requested || lastChangedAt == null) {
      return true;
    }
    return !now.isBefore(lastChangedAt.plus(MIN_INTERVAL));
  }
}
