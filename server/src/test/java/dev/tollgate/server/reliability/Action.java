package dev.tollgate.server.reliability;

/**
 * One step of a generated sequence. Steps that act on something earlier (a hold, a settle, a
 * purchase, a code) carry a {@code pick} that chooses among what exists when the step runs, so a
 * sequence is valid whatever jqwik shrinks away before it.
 */
sealed interface Action {
  /** An operator top-up of the wallet; sometimes sent twice with one idempotency key. */
  record TopUp(long cents, boolean resend) implements Action {}

  /** Authorise a call with an estimate: a hold, or {@code insufficient_credit}. */
  record Authorise(int estimateUnits) implements Action {}

  /** The same authorise again (a gateway's retry): the same hold, nothing held twice. */
  record AuthoriseAgain(int pick) implements Action {}

  /** Release an open hold: the call never ran. */
  record Release(int pick) implements Action {}

  /** Renew any earlier hold: live only while open (not settled, released or expired). */
  record Renew(int pick) implements Action {}

  /** Settle a call as served: an open hold's, else a hold that expired at a clock move (a late settle), else no hold. */
  record Settle(int pick, int units) implements Action {}

  /** A failed call: charges nothing and releases the hold. */
  record Fail(int pick, int units) implements Action {}

  /** An earlier settle sent again: the same bytes back, nothing charged. */
  record Replay(int pick) implements Action {}

  /** Buy a prepaid money package with the wallet. */
  record Purchase(int packageIndex) implements Action {}

  /** Refund an earlier purchase: allowed only while its grant is untouched. */
  record Refund(int pick) implements Action {}

  /** Redeem a fresh balance code; or, with {@code again}, a code this account already used. */
  record Redeem(boolean again, int pick) implements Action {}

  /** An operator promo grant that expires half an hour from now. */
  record ExpiringGrant(long cents) implements Action {}

  /** Pay last month's bill from the wallet. */
  record PayBill() implements Action {}
}
