package dev.tollgate.server.credit.packages;

import dev.tollgate.core.credit.packages.PackageKind;
import java.time.Instant;
import java.util.List;

/**
 * A purchase as stored: what was paid from the wallet and what it gave.
 *
 * @param purpose {@code purchase}, {@code renewal} (of {@code renewsId}) or {@code upgrade}
 * @param refundableDays the package's window when bought; 0 for renewals and upgrades
 * @param expiresAt the end of what it gave; a renewal moves the renewed purchase's expiry
 */
public record Purchase(
    String rootId,
    String id,
    String accountId,
    String packageId,
    PackageKind kind,
    String purpose,
    String renewsId,
    int quantity,
    long amountNanos,
    String currency,
    int refundableDays,
    List<String> grantIds,
    String idempotencyKey,
    String requestDigest,
    Instant purchasedAt,
    Instant expiresAt,
    String status,
    Instant refundedAt,
    boolean autoRenew) {

  static final String ACTIVE = "active";
  static final String REFUNDED = "refunded";

  boolean refunded() {
    return REFUNDED.equals(status);
  }
}
