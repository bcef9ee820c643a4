package dev.tollgate.core.pricing;

/** How a month's postpaid units are priced across {@link MonthlyTier}s. */
public enum TierMode {
  /** All units of the month take the unit price of the tier the total falls in. */
  VOLUME("volume"),
  /** Each unit takes the unit price of the tier it falls in. */
  GRADUATED("graduated");

  private final String code;

  TierMode(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }
}
