package dev.tollgate.server.credit;

import dev.tollgate.core.credit.AccountCredit;
import dev.tollgate.core.ledger.LedgerUnit;

/**
 * One account's credit, loaded under its account row lock: what deduction reads, and what the
 * caller needs to book the result (family and currency). {@code walletExists}: the account has a
 * wallet row (wallets are never deleted, so it still has one when the caller writes).
 */
public record LockedCredit(String rootId, String accountId, String currency, AccountCredit credit, boolean walletExists) {
  public LedgerUnit.Money unit() {
    return LedgerUnit.money(currency);
  }
}
