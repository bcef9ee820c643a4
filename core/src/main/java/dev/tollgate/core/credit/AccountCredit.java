package dev.tollgate.core.credit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * What one account can pay with, as loaded by the caller for one charge.
 *
 * @param grants every grant of the account, in any order; ids are unique
 * @param walletBalanceNanos the wallet balance; negative is a debt
 * @param postpaidEnabled whether what credit does not cover may be billed later
 * @param editionActive whether an edition is active at the charge's {@code occurredAt} (add-ons
 *     of seed 000 work only then)
 */
public record AccountCredit(
    List<Grant> grants, long walletBalanceNanos, boolean postpaidEnabled, boolean editionActive) {

  public AccountCredit {
    grants = List.copyOf(Objects.requireNonNull(grants, "grants"));
    var ids = new HashSet<String>();
    for (Grant g : grants) {
      // Duplicate ids would make the burn order depend on input order; that is a loading bug.
      if (!ids.add(g.id())) {
        throw new IllegalArgumentException("duplicate grant id " + g.id());
      }
    }
  }

  /**
   * The credit left after {@code deduction} was applied: burnt grants lose what they paid, the
   * wallet loses its burn (possibly into debt). Settling several calls of one account in one batch
   * deducts each from the state the previous one left.
   */
  public AccountCredit after(Deduction deduction) {
    var burntByGrant = new HashMap<String, Burn>();
    for (Burn b : deduction.burns()) {
      if (b.source() == BurnSource.GRANT && burntByGrant.put(b.grantId(), b) != null) {
        throw new IllegalStateException("a deduction burns a grant at most once: " + b.grantId());
      }
    }
    var next = new ArrayList<Grant>(grants.size());
    for (Grant g : grants) {
      Burn b = burntByGrant.remove(g.id());
      next.add(b == null ? g : g.after(b));
    }
    if (!burntByGrant.isEmpty()) {
      throw new IllegalStateException("burns of grants this account does not hold: " + burntByGrant.keySet());
    }
    long wallet = Math.subtractExact(walletBalanceNanos, deduction.walletNanos());
    return new AccountCredit(next, wallet, postpaidEnabled, editionActive);
  }

  /** The same credit with the edition flag for another instant. */
  public AccountCredit withEditionActive(boolean active) {
    return active == editionActive ? this : new AccountCredit(grants, walletBalanceNanos, postpaidEnabled, active);
  }
}
