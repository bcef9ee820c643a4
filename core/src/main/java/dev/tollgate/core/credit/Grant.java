package dev.tollgate.core.credit;

import java.time.Instant;
import java.util.Objects;

/**
 * Credit an account owns and calls can burn: the truth the server stores. Everything else about
 * a grant (its status, whether it may pay for a call) is derived from these fields.
 *
 * @param amount what was granted, in the {@code denomination}: nanos for money, meter units for
 *     units
 * @param remaining what is left to burn, same unit; {@code 0 ≤ remaining ≤ amount}
 * @param effectiveAt first instant of validity (inclusive)
 * @param expiresAt end of validity (exclusive); {@code null} means never
 * @param priority order within a class, lower burns first ({@link #PRIORITY_DEFAULT})
 * @param requiresEdition an add-on of seed 000: works only while an edition is active
 * @param voided refunded or otherwise cancelled; never burns again
 */
public record Grant(
    String id,
    GrantClass grantClass,
    Denomination denomination,
    MeterScope scope,
    Instant effectiveAt,
    Instant expiresAt,
    int priority,
    Instant createdAt,
    long amount,
    long remaining,
    boolean requiresEdition,
    boolean voided) {

  /** The API's default priority (SPEC §2 "Deduction order"). */
  public static final int PRIORITY_DEFAULT = 50;

  public Grant {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(grantClass, "grantClass");
    Objects.requireNonNull(denomination, "denomination");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(effectiveAt, "effectiveAt");
    Objects.requireNonNull(createdAt, "createdAt");
    if (id.isBlank()) {
      throw new IllegalArgumentException("a grant id is not blank");
    }
    if (expiresAt != null && !expiresAt.isAfter(effectiveAt)) {
      throw new IllegalArgumentException("grant " + id + ": expiresAt must be after effectiveAt");
    }
    if (amount < 0 || remaining < 0 || remaining > amount) {
      throw new IllegalArgumentException(
          "grant " + id + ": need 0 ≤ remaining ≤ amount, got " + remaining + " of " + amount);
    }
    // Units of different meters are different things (a picture is not a token), and the ledger
    // never mixes units, so a units grant counts the units of exactly one meter.
    if (denomination == Denomination.UNITS
        && !(scope instanceof MeterScope.Meters m && m.meterNames().size() == 1)) {
      throw new IllegalArgumentException("grant " + id + ": a units grant is scoped to one meter");
    }
  }

  /** The meter whose units a {@link Denomination#UNITS} grant counts; throws for money grants. */
  public String unitsMeter() {
    if (denomination != Denomination.UNITS) {
      throw new IllegalStateException("grant " + id + " is a money grant");
    }
    return ((MeterScope.Meters) scope).meterNames().iterator().next();
  }

  /** Whether {@code at} lies in the half-open validity {@code [effectiveAt, expiresAt)}. */
  public boolean validAt(Instant at) {
    return !at.isBefore(effectiveAt) && (expiresAt == null || at.isBefore(expiresAt));
  }

  /** The status at {@code now}; see {@link GrantStatus#of} for the precedence. */
  public GrantStatus statusAt(Instant now, boolean editionActiveNow, boolean accountOverdue) {
    return GrantStatus.of(this, now, editionActiveNow, accountOverdue);
  }

  /**
   * Whether this grant may pay for usage of {@code meter} that occurred at {@code occurredAt}.
   * The account being overdue is the caller's refusal, not a property of the grant.
   */
  public boolean eligibleFor(String meter, Instant occurredAt, boolean editionActive) {
    return !voided
        && remaining > 0
        && scope.covers(meter)
        && validAt(occurredAt)
        && (!requiresEdition || editionActive);
  }

  /** This grant with {@code remaining} replaced. */
  public Grant withRemaining(long newRemaining) {
    return new Grant(
        id, grantClass, denomination, scope, effectiveAt, expiresAt, priority, createdAt, amount,
        newRemaining, requiresEdition, voided);
  }

  /** This grant voided (refunded) with nothing left to burn. */
  public Grant asVoided() {
    return new Grant(
        id, grantClass, denomination, scope, effectiveAt, expiresAt, priority, createdAt, amount,
        0, requiresEdition, true);
  }

  /** This grant after {@code burn}; throws when the burn is not this grant's or exceeds it. */
  public Grant after(Burn burn) {
    if (burn.source() != BurnSource.GRANT
        || !id.equals(burn.grantId())
        || burn.denomination() != denomination) {
      throw new IllegalArgumentException("burn " + burn + " is not from grant " + id);
    }
    long deducted = burn.deducted();
    if (deducted > remaining) {
      throw new IllegalStateException(
          "grant " + id + " would burn " + deducted + " beyond its remaining " + remaining);
    }
    return withRemaining(remaining - deducted);
  }
}
