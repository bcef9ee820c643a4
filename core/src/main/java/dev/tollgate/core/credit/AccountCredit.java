package dev.tollgate.core.credit;

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
}
