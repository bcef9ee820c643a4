package dev.tollgate.core.ledger;

/**
 * The chart of ledger accounts. The sign convention: a customer's credit is positive on its own
 * account; value that came from outside the customer's credit (issued, paid, owed) is negative on
 * its source. See the README for what each balance means.
 */
public enum AccountKind {
  /** {@code grant:{grantId}} — the grant's remaining credit; never below zero. */
  GRANT("grant"),
  /** {@code wallet:{accountId}} — the wallet balance; negative is a debt. */
  WALLET("wallet"),
  /** {@code grant_funding:{class}} — where issued credit comes from; negative = issued, unburnt. */
  GRANT_FUNDING("grant_funding"),
  /** {@code usage:{meter}} — value consumed by served usage; only grows, bar corrections. */
  USAGE("usage"),
  /** {@code postpaid:{accountId}} — receivable; negative = the customer owes it. */
  POSTPAID("postpaid"),
  /** {@code breakage:{class}} — credit that expired unused. */
  BREAKAGE("breakage"),
  /** {@code payments:{provider}} — money received from a payment provider (stripe, epay). */
  PAYMENTS("payments"),
  /** {@code adjustment:{reason}} — operator credits and debits outside any payment. */
  ADJUSTMENT("adjustment"),
  /** {@code sales:{packageKind}} — wallet money paid for packages; positive = sold, not refunded. */
  SALES("sales");

  private final String prefix;

  AccountKind(String prefix) {
    this.prefix = prefix;
  }

  /** The stable prefix of account codes of this kind. */
  public String prefix() {
    return prefix;
  }

  public static AccountKind fromPrefix(String prefix) {
    for (AccountKind k : values()) {
      if (k.prefix.equals(prefix)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown ledger account kind: " + prefix);
  }
}
