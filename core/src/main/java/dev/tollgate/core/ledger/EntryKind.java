package dev.tollgate.core.ledger;

/**
 * Why a journal entry exists. Holds are not journal entries: a hold reserves credit for a call in
 * flight and moves nothing; it lives and expires in its own table, and the settle that follows
 * posts the real {@link #USAGE}. Journalling holds would double the hot path's writes and need a
 * reversal for every call.
 */
public enum EntryKind {
  /** Credit issued into a grant from its funding account. */
  GRANT_ISSUED("grant_issued"),
  /** A settled call burnt grants, wallet or postpaid. */
  USAGE("usage"),
  /** A grant voided: its remaining credit returns to its funding account. */
  REFUND("refund"),
  /** A grant expired: its unused remainder goes to breakage. */
  EXPIRY("expiry"),
  /** Money credited to the wallet (payment or operator). */
  TOPUP("topup"),
  /** Wallet money taken to pay the postpaid receivable (seed 002: postpaid deducted hourly). */
  WALLET_DEBIT("wallet_debit"),
  /** The postpaid receivable paid from outside (a monthly bill paid through a provider). */
  BILL_PAYMENT("bill_payment"),
  /** Wallet money paid for a package: the wallet to {@code sales:{kind}}. */
  PURCHASE("purchase"),
  /** A refunded purchase's price back from {@code sales:{kind}} to the wallet. */
  PURCHASE_REFUND("purchase_refund"),
  /** A new entry that fixes an earlier one; entries are never edited. */
  CORRECTION("correction");

  private final String code;

  EntryKind(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }
}
