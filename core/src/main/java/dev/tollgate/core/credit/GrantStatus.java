package dev.tollgate.core.credit;

import java.time.Instant;

/**
 * A grant's status as seed 000 defines it, derived at an instant and never stored.
 *
 * <p>Precedence, first match wins: {@code invalid} (voided/refunded, or the account is overdue)
 * beats everything because such a grant can never be burnt whatever the clock says; then the
 * validity window ({@code not_applied} before it, {@code expired} after it), because seed 000 says
 * an add-on is {@code unavailable} only "within its validity period"; then {@code unavailable} (an
 * add-on while no edition is active), which hides the quantity because the add-on could not be
 * burnt even with credit left; then {@code exhausted}; else {@code available}.
 */
public enum GrantStatus {
  INVALID("invalid"),
  NOT_APPLIED("not_applied"),
  EXPIRED("expired"),
  UNAVAILABLE("unavailable"),
  EXHAUSTED("exhausted"),
  AVAILABLE("available");

  private final String code;

  GrantStatus(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** Derives the status of {@code grant} at {@code now}; see the class comment for precedence. */
  public static GrantStatus of(
      Grant grant, Instant now, boolean editionActiveNow, boolean accountOverdue) {
    if (grant.voided() || accountOverdue) {
      return INVALID;
    }
    if (now.isBefore(grant.effectiveAt())) {
      return NOT_APPLIED;
    }
    if (grant.expiresAt() != null && !now.isBefore(grant.expiresAt())) {
      return EXPIRED;
    }
    if (grant.requiresEdition() && !editionActiveNow) {
      return UNAVAILABLE;
    }
    if (grant.remaining() == 0) {
      return EXHAUSTED;
    }
    return AVAILABLE;
  }
}
