package dev.tollgate.server.credit;

import dev.tollgate.core.credit.Denomination;
import dev.tollgate.core.credit.Grant;
import dev.tollgate.core.money.Nanos;
import java.time.Instant;
import java.util.List;

/**
 * A grant as the API shows it. {@code amount} and {@code remaining} are decimal strings in the
 * account currency for money grants, and whole-unit strings ({@code "500"}) for units grants, so
 * the field has one type whatever the denomination.
 */
public record GrantView(
    String id,
    String kind,
    String denomination,
    String unit,
    List<String> meters,
    String amount,
    String remaining,
    Instant effectiveAt,
    Instant expiresAt,
    int priority,
    boolean requiresEdition,
    String status,
    Instant createdAt) {

  /**
   * @param editionActive whether the account has an edition in force now
   * @param accountOverdue whether the account has an overdue bill: its grants show invalid
   */
  public static GrantView of(StoredGrant stored, Instant now, boolean editionActive, boolean accountOverdue) {
    Grant g = stored.grant();
    String[] meters = GrantRows.meters(g.scope());
    return new GrantView(
        g.id(), g.grantClass().code(), g.denomination().code(), stored.unit(),
        meters == null ? null : List.of(meters), amount(g, g.amount()), amount(g, g.remaining()),
        g.effectiveAt(), g.expiresAt(), g.priority(), g.requiresEdition(),
        g.statusAt(now, editionActive, accountOverdue).code(), g.createdAt());
  }

  static String amount(Grant g, long value) {
    return g.denomination() == Denomination.MONEY ? Nanos.format(value) : Long.toString(value);
  }
}
