package dev.tollgate.core.credit.packages;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;

/**
 * The end of a validity that starts at an instant, computed on the calendar of the account's time
 * zone. Months are clamped to the month's last day: bought on Jan 31 with P1M, a package expires
 * on Feb 28 (Feb 29 in a leap year) at the same wall-clock time; P1Y from Feb 29 ends on Feb 28.
 * A wall-clock time that does not exist that day (a daylight-saving gap) moves forward by the gap.
 */
public final class Validity {
  /** The longest validity a package may have: longer is a misconfiguration, not a product. */
  public static final Period MAX = Period.ofYears(100);

  private Validity() {}

  public static Instant end(Instant start, Period validity, ZoneId zone) {
    return start.atZone(zone).plus(validity).toInstant();
  }

  /** Whether a period is usable as a validity: no negative part, not zero, at most {@link #MAX}. */
  public static boolean acceptable(Period validity) {
    boolean noNegativePart = validity.getYears() >= 0 && validity.getMonths() >= 0 && validity.getDays() >= 0;
    return noNegativePart
        && !validity.isZero()
        && validity.toTotalMonths() <= MAX.toTotalMonths()
        && validity.getDays() <= MAX.getYears() * 366;
  }
}
