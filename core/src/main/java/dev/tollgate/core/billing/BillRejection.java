package dev.tollgate.core.billing;

/** Why a bill request is refused, in the order checked. Codes are stable API. */
public enum BillRejection {
  /** The month is not {@code YYYY-MM} with a year in {@link BillingMonth#YEAR_MIN}..{@link BillingMonth#YEAR_MAX}. */
  MONTH_INVALID("month_invalid", "a month is written YYYY-MM, e.g. \"2026-10\""),
  /** The month has not ended yet, so its usage is not complete. */
  MONTH_NOT_ENDED("month_not_ended", "a month is billed once it has ended");

  private final String code;
  private final String detail;

  BillRejection(String code, String detail) {
    this.code = code;
    this.detail = detail;
  }

  public String code() {
    return code;
  }

  public String detail() {
    return detail;
  }
}
