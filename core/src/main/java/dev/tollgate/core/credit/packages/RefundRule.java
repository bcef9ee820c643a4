package dev.tollgate.core.credit.packages;

import java.time.Duration;
import java.time.Instant;

/**
 * Seed 004: "If the prepaid resource package is unused, you can refund it within 7 days." A
 * purchase is refundable while {@code now < purchasedAt + refundableDays} and none of its credit
 * was burnt; never twice. A window of 0 days means not refundable.
 */
public final class RefundRule {
  private RefundRule() {}

  public static boolean allows(Instant purchasedAt, int refundableDays, boolean unused, boolean alreadyRefunded, Instant now) {
    if (alreadyRefunded || !unused || refundableDays <= 0) {
      return false;
    }
    return now.isBefore(purchasedAt.plus(Duration.ofDays(refundableDays)));
  }
}
