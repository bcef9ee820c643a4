package dev.tollgate.core.ledger;

import java.util.Objects;

/**
 * One line of a journal entry.
 *
 * @param amount signed; nanos when {@code unit} is money, meter units otherwise; never zero (a
 *     zero line records nothing)
 */
public record Posting(LedgerAccount account, LedgerUnit unit, long amount) {
  public Posting {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(unit, "unit");
    if (amount == 0) {
      throw new IllegalArgumentException("a posting moves something: " + account);
    }
  }
}
