package dev.tollgate.core.credit;

/** Whether an account can afford a call now; {@link #code()} is stable snake_case. */
public sealed interface CreditDecision {

  String code();

  /**
   * The call may proceed.
   *
   * @param spareNanos credit left for other calls after this one and the holds ({@code
   *     Long.MAX_VALUE} with postpaid on: postpaid has no limit here)
   */
  record Affordable(long spareNanos) implements CreditDecision {
    @Override
    public String code() {
      return "affordable";
    }
  }

  /**
   * Refused: grants and wallet, less the holds, do not cover the call and postpaid is off.
   *
   * @param missingNanos how much more credit the call would need
   */
  record Insufficient(long missingNanos) implements CreditDecision {
    @Override
    public String code() {
      return "insufficient_credit";
    }
  }
}
