package dev.tollgate.server.credit;

import dev.tollgate.core.credit.Grant;
import java.util.Objects;

/**
 * A grant as stored: the core {@link Grant} (everything deduction reads) and where it lives and
 * came from.
 *
 * @param unit the ledger unit code: the account currency, or {@code units:{meter}}
 * @param fundedBy the ledger account code that funded it ({@code grant_funding:{class}}, or
 *     {@code wallet:{rootId}} for a team allocation); a refund returns credit there
 * @param sourceKind where it came from: operator, purchase, code, …
 */
public record StoredGrant(
    String rootId,
    String accountId,
    Grant grant,
    String unit,
    String fundedBy,
    String sourceKind,
    String sourceId) {
  public StoredGrant {
    Objects.requireNonNull(rootId, "rootId");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(grant, "grant");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(fundedBy, "fundedBy");
    Objects.requireNonNull(sourceKind, "sourceKind");
  }

  public String id() {
    return grant.id();
  }
}
