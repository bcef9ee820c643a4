package dev.tollgate.server.ledger;

import dev.tollgate.core.ledger.LedgerAccount;

/** Which customer account owns a ledger account, for the per-account ledger view. */
final class LedgerOwners {
  private LedgerOwners() {}

  /**
   * {@code grant:} accounts belong to the entry's account (grants are issued to and burnt by their
   * owner); {@code wallet:} and {@code postpaid:} name their owner; the platform's own accounts
   * ({@code usage:}, {@code grant_funding:}, …) belong to no customer.
   */
  static String ownerOf(LedgerAccount account, String entryAccountId) {
    return switch (account.kind()) {
      case GRANT -> entryAccountId;
      case WALLET, POSTPAID -> account.key();
      case GRANT_FUNDING, USAGE, BREAKAGE, PAYMENTS, ADJUSTMENT, SALES -> null;
    };
  }
}
