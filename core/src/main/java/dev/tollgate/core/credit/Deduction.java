package dev.tollgate.core.credit;

import java.util.List;
import java.util.Objects;

/**
 * How one charge is paid: burns in deduction order, then what nothing covered.
 *
 * <p>Invariant, checked on construction: the burns' units plus {@code shortfallUnits} equal the
 * charge's units, and their amounts plus {@code shortfallNanos} equal its amount, exactly.
 * The shortfall is empty or has {@code shortfallNanos > 0}: units that cost nothing are never
 * short.
 */
public record Deduction(
    RatedCharge charge, List<Burn> burns, long shortfallUnits, long shortfallNanos) {

  public Deduction {
    Objects.requireNonNull(charge, "charge");
    burns = List.copyOf(burns);
    long units = shortfallUnits;
    long nanos = shortfallNanos;
    for (Burn b : burns) {
      units = Math.addExact(units, b.units());
      nanos = Math.addExact(nanos, b.amountNanos());
    }
    if (shortfallUnits < 0 || shortfallNanos < 0) {
      throw new IllegalArgumentException("a shortfall is never negative");
    }
    if (units != charge.units() || nanos != charge.amountNanos()) {
      throw new IllegalStateException(
          "burns + shortfall = " + units + " units, " + nanos + " nanos; charge is " + charge);
    }
  }

  /** Whether the burns pay for the whole charge. */
  public boolean fullyCovered() {
    return shortfallNanos == 0 && shortfallUnits == 0;
  }

  /** The list price the burns pay for. */
  public long coveredNanos() {
    return charge.amountNanos() - shortfallNanos;
  }

  /** The money the wallet pays (more than its balance only under a booked debt). */
  public long walletNanos() {
    return burns.stream()
        .filter(b -> b.source() == BurnSource.WALLET)
        .mapToLong(Burn::amountNanos)
        .sum();
  }

  /** The burns of one source, in order. */
  public List<Burn> burnsFrom(BurnSource source) {
    return burns.stream().filter(b -> b.source() == source).toList();
  }
}
