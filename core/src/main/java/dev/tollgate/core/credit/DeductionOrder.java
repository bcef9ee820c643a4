package dev.tollgate.core.credit;

import java.time.Instant;
import java.util.Comparator;

/**
 * The order eligible grants burn in (SPEC §2 "Deduction order"): class, then priority (lower
 * first), then earliest expiry (never-expiring last), then earliest effective, then oldest, then
 * id. The id makes it total, so the result never depends on the order grants were loaded in.
 */
public final class DeductionOrder {
  public static final Comparator<Grant> GRANTS =
      Comparator.comparing(Grant::grantClass)
          .thenComparingInt(Grant::priority)
          .thenComparing(Grant::expiresAt, Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
          .thenComparing(Grant::effectiveAt)
          .thenComparing(Grant::createdAt)
          .thenComparing(Grant::id);

  private DeductionOrder() {}
}
