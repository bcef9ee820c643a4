package dev.tollgate.core.credit;

/** What deduction does with the part of a charge that nothing covered. */
public enum ShortfallPolicy {
  /** Leave it as the shortfall: authorise refuses the call with {@code insufficient_credit}. */
  REPORT,
  /**
   * Book it on the wallet, which goes (further) negative: settle uses this because usage already
   * served is always recorded in full and never dropped; the debt blocks the next call.
   */
  BOOK_AS_WALLET_DEBT
}
