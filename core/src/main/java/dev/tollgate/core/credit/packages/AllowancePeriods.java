package dev.tollgate.core.credit.packages;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * An edition's monthly allowance periods (seed 000's "PU/month", seed 003's period credit). Period
 * {@code i} starts at {@code Validity.end(editionStart, P{i}M, zone)}: anchored at the edition's
 * start on the account's calendar and month-end clamped each time from the anchor, so an edition
 * bought on Jan 31 has periods starting Feb 28 (29), Mar 31, Apr 30 — never drifting to the 28th.
 * A period runs to the next period's start or the edition's end, whichever is sooner; a period
 * that would start at or after the edition's end does not exist (a P1Y edition has 12).
 */
public final class AllowancePeriods {
  /** The length of one allowance period. */
  public static final Period PERIOD = Period.ofMonths(1);

  private AllowancePeriods() {}

  /** One allowance period: its 0-based index and {@code [start, end)}. */
  public record Allowance(int index, Instant start, Instant end) {}

  /** The start of period {@code index} of an edition that starts at {@code editionStart}. */
  public static Instant start(Instant editionStart, int index, ZoneId zone) {
    return Validity.end(editionStart, PERIOD.multipliedBy(index), zone);
  }

  /**
   * The periods from index {@code from} on that have started at {@code now} (start ≤ now) and
   * start before the edition's end, in order. Empty when none is due.
   */
  public static List<Allowance> due(Instant editionStart, Instant editionEnd, int from, Instant now, ZoneId zone) {
    var due = new ArrayList<Allowance>();
    Instant start = start(editionStart, from, zone);
    for (int i = from; !start.isAfter(now) && start.isBefore(editionEnd); i++) {
      Instant next = start(editionStart, i + 1, zone);
      due.add(new Allowance(i, start, next.isBefore(editionEnd) ? next : editionEnd));
      start = next;
    }
    return due;
  }
}
