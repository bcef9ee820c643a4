package dev.tollgate.server.accounts;

import dev.tollgate.core.accounts.AccountStatus;
import dev.tollgate.core.accounts.BillingMode;
import java.time.Instant;

/** An account as stored. */
public record Account(
    String id,
    String rootId,
    String parentId,
    String name,
    String currency,
    String timezone,
    AccountStatus status,
    boolean postpaidEnabled,
    Instant postpaidChangedAt,
    boolean contentModeration,
    String priceGroup,
    BillingMode billingMode,
    Long prepaidAmountNanos,
    Instant createdAt,
    Instant updatedAt) {

  public boolean isRoot() {
    return parentId == null;
  }
}
