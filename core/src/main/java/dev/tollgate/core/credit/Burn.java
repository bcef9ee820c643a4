package dev.tollgate.core.credit;

import java.util.Objects;

/**
 * One piece of a charge and what paid for it.
 *
 * @param grantId the grant burnt; present exactly when {@code source} is {@link BurnSource#GRANT}
 * @param denomination what the source counts: the grant's, or money for wallet and postpaid
 * @param units the meter's units this piece covers
 * @param amountNanos the list price of this piece
 */
public record Burn(
    BurnSource source, String grantId, Denomination denomination, long units, long amountNanos) {

  public Burn {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(denomination, "denomination");
    if ((source == BurnSource.GRANT) != (grantId != null)) {
      throw new IllegalArgumentException("a burn names a grant exactly when a grant paid");
    }
    if (source != BurnSource.GRANT && denomination != Denomination.MONEY) {
      throw new IllegalArgumentException("wallet and postpaid pay money");
    }
    if (units < 0 || amountNanos < 0) {
      throw new IllegalArgumentException("a burn is never negative: " + units + ", " + amountNanos);
    }
  }

  static Burn ofGrant(Grant grant, long units, long amountNanos) {
    return new Burn(BurnSource.GRANT, grant.id(), grant.denomination(), units, amountNanos);
  }

  static Burn ofMoney(BurnSource source, long units, long amountNanos) {
    return new Burn(source, null, Denomination.MONEY, units, amountNanos);
  }

  /** What the source loses, in its denomination: units for a units grant, else nanos. */
  public long deducted() {
    return denomination == Denomination.UNITS ? units : amountNanos;
  }
}
