package dev.tollgate.core.billing;

import dev.tollgate.core.ledger.JournalEntries;
import dev.tollgate.core.ledger.JournalEntry;
import dev.tollgate.core.ledger.LedgerAccount;
import dev.tollgate.core.ledger.LedgerUnit;
import dev.tollgate.core.ledger.Posting;
import dev.tollgate.core.money.Nanos;
import dev.tollgate.core.pricing.MonthlyTiers;
import dev.tollgate.core.pricing.TierLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Prices a month's postpaid usage into a {@link Bill}, and books the difference between what the
 * calls accrued and what the bill charges. Pure: no clock, no storage.
 */
public final class Bills {
  /** Where the half-up rounding of a bill total goes (ledger README: adjustment accounts). */
  public static final LedgerAccount ROUNDING = LedgerAccount.adjustment("rounding");

  private Bills() {}

  /**
   * The bill for {@code usage} (one entry per meter, any order; lines come out by meter name). A
   * meter with tiers is priced with {@link MonthlyTiers#lines}; one without is its accrued amount.
   * Overflow throws {@link ArithmeticException}.
   */
  public static Bill price(String currency, List<MeterMonth> usage) {
    List<MeterMonth> sorted = new ArrayList<>(usage);
    sorted.sort(Comparator.comparing(MeterMonth::meter));
    List<BillLine> lines = new ArrayList<>();
    long accrued = 0;
    long total = 0;
    for (int i = 0; i < sorted.size(); i++) {
      MeterMonth m = sorted.get(i);
      if (i > 0 && sorted.get(i - 1).meter().equals(m.meter())) {
        throw new IllegalArgumentException("meter " + m.meter() + " is listed twice");
      }
      accrued = Math.addExact(accrued, m.accruedNanos());
      for (BillLine line : linesOf(m)) {
        lines.add(line);
        total = Math.addExact(total, line.amountNanos());
      }
    }
    return new Bill(currency, lines, accrued, total, Nanos.roundHalfUp(total, MinorUnit.digits(currency)));
  }

  /** What one meter's month is billed; the sum of its lines. */
  public static long amountOf(MeterMonth m) {
    long sum = 0;
    for (BillLine line : linesOf(m)) {
      sum = Math.addExact(sum, line.amountNanos());
    }
    return sum;
  }

  private static List<BillLine> linesOf(MeterMonth m) {
    if (m.tiers().isEmpty()) {
      return List.of(new BillLine(m.meter(), OptionalInt.empty(), m.postpaidUnits(), OptionalLong.empty(), 0,
          m.accruedNanos()));
    }
    List<BillLine> lines = new ArrayList<>();
    for (TierLine t : m.tiers().get().lines(m.postpaidUnits())) {
      lines.add(new BillLine(m.meter(), OptionalInt.of(t.tierIndex()), t.units(), OptionalLong.of(t.unitPriceNanos()),
          t.flatFeeNanos(), t.amountNanos()));
    }
    return lines;
  }

  /**
   * The one entry that makes the ledger agree with the bill. Settle booked each postpaid call at
   * its list price ({@code postpaid:{acct}} −accrued / {@code usage:{meter}} +accrued); the bill is
   * authoritative, so this correction moves each meter's {@code usage:} to what the bill charges,
   * books the rounding on {@link #ROUNDING}, and leaves {@code postpaid:{acct}} at −(total rounded
   * − deducted), i.e. −due. When the hourly deduction took more than the bill charges (list price
   * above the tier price), the excess goes back to {@code wallet:{acct}} and nothing is due.
   * Empty when the bill changes nothing (no tiers, nothing to round, nothing over-deducted).
   *
   * @param deductedNanos what the hourly deduction already took from the wallet for this month
   */
  public static Optional<JournalEntry> correction(
      String entryId, Instant at, String reference, String accountId, List<MeterMonth> usage, Bill bill,
      long deductedNanos) {
    if (deductedNanos < 0) {
      throw new IllegalArgumentException("deducted is negative: " + deductedNanos);
    }
    LedgerUnit.Money unit = LedgerUnit.money(bill.currency());
    long overDeducted = Math.max(0, Math.subtractExact(deductedNanos, bill.totalRoundedNanos()));
    Map<LedgerAccount, Long> sums = new LinkedHashMap<>();
    sums.merge(LedgerAccount.postpaid(accountId),
        Math.subtractExact(Math.subtractExact(bill.accruedNanos(), bill.totalRoundedNanos()), overDeducted),
        Math::addExact);
    sums.merge(LedgerAccount.wallet(accountId), overDeducted, Math::addExact);
    List<MeterMonth> sorted = new ArrayList<>(usage);
    sorted.sort(Comparator.comparing(MeterMonth::meter));
    for (MeterMonth m : sorted) {
      sums.merge(LedgerAccount.usage(m.meter()), Math.subtractExact(amountOf(m), m.accruedNanos()), Math::addExact);
    }
    sums.merge(ROUNDING, Math.subtractExact(bill.totalRoundedNanos(), bill.totalNanos()), Math::addExact);
    List<Posting> postings = new ArrayList<>();
    sums.forEach((account, amount) -> {
      if (amount != 0) {
        postings.add(new Posting(account, unit, amount));
      }
    });
    return postings.isEmpty()
        ? Optional.empty()
        : Optional.of(JournalEntries.correction(entryId, at, reference, postings));
  }

  /** The wallet money {@link #correction} returns: what the hourly deduction took beyond the bill. */
  public static long overDeducted(Bill bill, long deductedNanos) {
    return Math.max(0, Math.subtractExact(deductedNanos, bill.totalRoundedNanos()));
  }
}
