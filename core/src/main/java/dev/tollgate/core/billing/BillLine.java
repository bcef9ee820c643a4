package dev.tollgate.core.billing;

import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One line of a bill. A meter with monthly tiers has one line (volume: the tier reached) or one
 * per tier entered (graduated), each {@code units × unitPrice + flatFee}. A meter without tiers
 * has one line, the sum of what its calls accrued, with no unit price (token meters have several).
 */
public record BillLine(
    String meter, OptionalInt tierIndex, long units, OptionalLong unitPriceNanos, long flatFeeNanos, long amountNanos) {
  public BillLine {
    Objects.requireNonNull(meter, "meter");
    Objects.requireNonNull(tierIndex, "tierIndex");
    Objects.requireNonNull(unitPriceNanos, "unitPriceNanos");
  }
}
