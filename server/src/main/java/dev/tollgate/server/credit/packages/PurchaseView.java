package dev.tollgate.server.credit.packages;

import dev.tollgate.core.money.Nanos;
import dev.tollgate.server.credit.GrantView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A purchase as the API shows it: what was paid ({@code amount}, from the wallet) and the grants
 * it gave, with their current remaining and status.
 */
record PurchaseView(
    String id, String accountId, String packageId, String kind, String purpose, String renewsId, int quantity,
    String amount, String currency, Instant purchasedAt, Instant expiresAt, Instant refundableUntil, String status,
    Instant refundedAt, boolean autoRenew, List<GrantView> grants) {

  static PurchaseView of(Purchase p, List<GrantView> grants) {
    Instant refundableUntil = p.refundableDays() > 0 ? p.purchasedAt().plus(Duration.ofDays(p.refundableDays())) : null;
    return new PurchaseView(p.id(), p.accountId(), p.packageId(), p.kind().code(), p.purpose(), p.renewsId(),
        p.quantity(), Nanos.format(p.amountNanos()), p.currency(), p.purchasedAt(), p.expiresAt(), refundableUntil,
        p.status(), p.refundedAt(), p.autoRenew(), grants);
  }
}
