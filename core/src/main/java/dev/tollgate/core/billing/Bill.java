package dev.tollgate.core.billing;

import java.util.List;
import java.util.Objects;

/**
 * A month's bill before it is stored: its lines, what the calls had accrued at list price, the
 * precise total (the sum of the lines) and the total rounded half-up once to the currency's minor
 * unit, which is what the customer owes.
 */
public record Bill(String currency, List<BillLine> lines, long accruedNanos, long totalNanos, long totalRoundedNanos) {
  public Bill {
    Objects.requireNonNull(currency, "currency");
    lines = List.copyOf(lines);
    long sum = 0;
    for (BillLine line : lines) {
      sum = Math.addExact(sum, line.amountNanos());
    }
    if (sum != totalNanos) {
      throw new IllegalArgumentException("a bill's total " + totalNanos + " is not the sum of its lines " + sum);
    }
  }

  /** What is left to pay after {@code deductedNanos} were already taken hourly; never negative. */
  public long dueAfter(long deductedNanos) {
    return Math.max(0, Math.subtractExact(totalRoundedNanos, deductedNanos));
  }
}
