package dev.tollgate.server.credit;

import dev.tollgate.core.credit.Deduction;
import java.util.Objects;

/** A deduction and the account whose credit it burns, as settle hands it to {@link CreditStore#apply}. */
public record AccountDeduction(String rootId, String accountId, Deduction deduction) {
  public AccountDeduction {
    Objects.requireNonNull(rootId, "rootId");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(deduction, "deduction");
  }
}
