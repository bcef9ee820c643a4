package dev.tollgate.core.billing;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A calendar month as bills name it ({@code "2026-10"}). Which instants it covers depends on the
 * account's time zone: October in {@code Asia/Shanghai} starts at 2026-09-30T16:00Z.
 */
public record BillingMonth(YearMonth yearMonth) implements Comparable<BillingMonth> {
  /** Bills start with this project; a year before it is a typo, not a month to bill. */
  public static final int YEAR_MIN = 2000;
  /** Four digits, as the text form has. */
  public static final int YEAR_MAX = 9999;
  /** The earliest a month can end anywhere: zones run from UTC−12 to UTC+14. */
  public static final ZoneOffset EARLIEST_OFFSET = ZoneOffset.ofHours(14);

  private static final Pattern TEXT = Pattern.compile("[0-9]{4}-(0[1-9]|1[0-2])");

  public BillingMonth {
    Objects.requireNonNull(yearMonth, "yearMonth");
    if (yearMonth.getYear() < YEAR_MIN || yearMonth.getYear() > YEAR_MAX) {
      throw new IllegalArgumentException("year out of " + YEAR_MIN + ".." + YEAR_MAX + ": " + yearMonth);
    }
  }

  /** The result of parsing a month from outside: the month, or why not. */
  public sealed interface Parsed permits Valid, Invalid {}

  public record Valid(BillingMonth month) implements Parsed {}

  public record Invalid(BillRejection rejection) implements Parsed {}

  /** Parses {@code YYYY-MM}; anything else (null, spaces, {@code 2026-1}, {@code 1999-12}) is {@code month_invalid}. */
  public static Parsed parse(String text) {
    if (text == null || !TEXT.matcher(text).matches()) {
      return new Invalid(BillRejection.MONTH_INVALID);
    }
    YearMonth ym = YearMonth.parse(text);
    if (ym.getYear() < YEAR_MIN) {
      return new Invalid(BillRejection.MONTH_INVALID);
    }
    return new Valid(new BillingMonth(ym));
  }

  public static BillingMonth of(int year, int month) {
    return new BillingMonth(YearMonth.of(year, month));
  }

  /** The month that {@code at} falls in, in {@code zone}. */
  public static BillingMonth containing(Instant at, ZoneId zone) {
    return new BillingMonth(YearMonth.from(at.atZone(zone)));
  }

  /** From the first midnight of the month to the first midnight of the next, in {@code zone}. */
  public BillingPeriod period(ZoneId zone) {
    return new BillingPeriod(
        yearMonth.atDay(1).atStartOfDay(zone).toInstant(),
        yearMonth.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant());
  }

  /** Whether the month has ended somewhere on earth at {@code now} (UTC+14 ends first). */
  public boolean endedAnywhereAt(Instant now) {
    return period(EARLIEST_OFFSET).endedAt(now);
  }

  public BillingMonth next() {
    return new BillingMonth(yearMonth.plusMonths(1));
  }

  /** The text form, {@code YYYY-MM}. */
  public String code() {
    return yearMonth.toString();
  }

  @Override
  public int compareTo(BillingMonth other) {
    return yearMonth.compareTo(other.yearMonth);
  }

  @Override
  public String toString() {
    return code();
  }
}
