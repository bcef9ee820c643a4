package dev.tollgate.core.billing;

import java.util.Currency;

/**
 * How many fraction digits a bill total keeps: the ISO 4217 minor unit of a currency (USD and CNY
 * 2, JPY 0), and 2 for a platform's own credit unit (credits, PU), which has none: two digits is
 * what operators show for credits, and a bill keeps its precise total besides.
 */
public final class MinorUnit {
  /** Digits for a credit unit that is not an ISO currency. */
  public static final int CREDIT_UNIT_DIGITS = 2;

  private MinorUnit() {}

  public static int digits(String currency) {
    try {
      int digits = Currency.getInstance(currency).getDefaultFractionDigits();
      // Pseudo-currencies (XAU, XXX) have none (-1): treat them like credit units.
      return digits < 0 ? CREDIT_UNIT_DIGITS : digits;
    } catch (IllegalArgumentException notIso) {
      return CREDIT_UNIT_DIGITS;
    }
  }
}
