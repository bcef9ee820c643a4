package dev.tollgate.core.money;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Exact money arithmetic on {@code long} nano-units (10⁻⁹ of a currency or credit unit).
 *
 * <p>A {@code long} holds ±9,223,372,036 whole units at nano precision: far above any single
 * charge or monthly bill, so every operation here either gives the exact result or throws {@link
 * ArithmeticException}; nothing wraps and nothing is silently rounded except where a method says
 * it rounds half-up.
 */
public final class Nanos {
  public static final long PER_UNIT = 1_000_000_000L;
  public static final int SCALE = 9;
  /** Longest decimal string accepted by {@link #parse}: sign, 10 integer digits, point, 9 digits. */
  public static final int TEXT_LENGTH_MAX = 21;

  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private Nanos() {}

  /**
   * Parses a plain decimal string ({@code "796.00"}, {@code "0.0000025"}, {@code "-3"}) into nanos.
   * Exponents, spaces, a leading {@code +}, more than 9 fraction digits and values beyond the
   * {@code long} range are refused with a {@link AmountFormatException} naming the reason.
   */
  public static long parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new AmountFormatException("amount_invalid", "an amount is a non-empty decimal string");
    }
    if (text.length() > TEXT_LENGTH_MAX) {
      throw new AmountFormatException("amount_out_of_range", "the amount has too many digits");
    }
    int i = 0;
    boolean negative = text.charAt(0) == '-';
    if (negative) {
      i = 1;
    }
    long whole = 0;
    int wholeDigits = 0;
    while (i < text.length() && text.charAt(i) != '.') {
      char c = text.charAt(i++);
      if (c < '0' || c > '9') {
        throw new AmountFormatException("amount_invalid", "an amount is a plain decimal string");
      }
      whole = whole * 10 + (c - '0');
      wholeDigits++;
    }
    if (wholeDigits == 0) {
      throw new AmountFormatException("amount_invalid", "an amount needs digits before the point");
    }
    long fraction = 0;
    int fractionDigits = 0;
    if (i < text.length()) {
      i++; // the point
      if (i == text.length()) {
        throw new AmountFormatException("amount_invalid", "an amount needs digits after the point");
      }
      while (i < text.length()) {
        char c = text.charAt(i++);
        if (c < '0' || c > '9') {
          throw new AmountFormatException("amount_invalid", "an amount is a plain decimal string");
        }
        if (++fractionDigits > SCALE) {
          throw new AmountFormatException(
              "amount_precision", "an amount has at most 9 digits after the point");
        }
        fraction = fraction * 10 + (c - '0');
      }
    }
    for (int d = fractionDigits; d < SCALE; d++) {
      fraction *= 10;
    }
    // 10 integer digits fit in a long before scaling; the scaling itself may overflow.
    try {
      // Accumulate on the sign's side so that Long.MIN_VALUE itself parses.
      long scaled = Math.multiplyExact(negative ? -whole : whole, PER_UNIT);
      return negative ? Math.subtractExact(scaled, fraction) : Math.addExact(scaled, fraction);
    } catch (ArithmeticException overflow) {
      throw new AmountFormatException("amount_out_of_range", "the amount is too large");
    }
  }

  /** Parses like {@link #parse} and refuses negative amounts. */
  public static long parseNonNegative(String text) {
    long nanos = parse(text);
    if (nanos < 0) {
      throw new AmountFormatException("amount_negative", "the amount must not be negative");
    }
    return nanos;
  }

  /**
   * Formats nanos as a decimal string with at least two fraction digits and no trailing zeros past
   * them: 796 units → {@code "796.00"}, 2,500 nanos → {@code "0.0000025"}.
   */
  public static String format(long nanos) {
    return format(nanos, 2);
  }

  /** Formats with at least {@code minFractionDigits} digits after the point (0 to 9). */
  public static String format(long nanos, int minFractionDigits) {
    if (minFractionDigits < 0 || minFractionDigits > SCALE) {
      throw new IllegalArgumentException("minFractionDigits out of 0..9: " + minFractionDigits);
    }
    BigDecimal value = BigDecimal.valueOf(nanos, SCALE).stripTrailingZeros();
    if (value.scale() < minFractionDigits) {
      value = value.setScale(minFractionDigits, RoundingMode.UNNECESSARY);
    }
    return value.toPlainString();
  }

  /** Rounds half-up (away from zero on a tie) to {@code fractionDigits} digits, still in nanos. */
  public static long roundHalfUp(long nanos, int fractionDigits) {
    if (fractionDigits < 0 || fractionDigits > SCALE) {
      throw new IllegalArgumentException("fractionDigits out of 0..9: " + fractionDigits);
    }
    long step = 1;
    for (int d = fractionDigits; d < SCALE; d++) {
      step *= 10;
    }
    if (step == 1) {
      return nanos;
    }
    long quotient = nanos / step;
    long remainder = nanos % step;
    if (Math.abs(remainder) * 2 >= step) {
      quotient += Long.signum(nanos);
    }
    return Math.multiplyExact(quotient, step);
  }

  /**
   * {@code a × b ÷ divisor}, rounded half-up (away from zero on a tie), exact for every input whose
   * result fits a long. The common case stays in {@code long}; a product past 63 bits takes the
   * {@link BigInteger} path, so a 10⁹-token call at a 10¹¹-nano rate is still exact.
   */
  public static long mulDivHalfUp(long a, long b, long divisor) {
    if (divisor <= 0) {
      throw new IllegalArgumentException("divisor must be positive: " + divisor);
    }
    long high = Math.multiplyHigh(a, b);
    long low = a * b;
    if ((high == 0 && low >= 0) || (high == -1 && low < 0)) {
      long quotient = low / divisor;
      long remainder = low % divisor;
      // remainder < divisor, so doubling it overflows only for divisors above 2⁶²: compare halves.
      long absRemainder = Math.abs(remainder);
      if (absRemainder >= divisor - absRemainder) {
        quotient += Long.signum(low);
      }
      return quotient;
    }
    BigInteger[] qr =
        BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).divideAndRemainder(BigInteger.valueOf(divisor));
    BigInteger quotient = qr[0];
    if (qr[1].abs().shiftLeft(1).compareTo(BigInteger.valueOf(divisor)) >= 0) {
      quotient = quotient.add(BigInteger.valueOf(qr[1].signum()));
    }
    if (quotient.compareTo(LONG_MIN) < 0 || quotient.compareTo(LONG_MAX) > 0) {
      throw new ArithmeticException("amount overflows 64-bit nanos");
    }
    return quotient.longValue();
  }

  /** Converts an exact decimal to nanos, rounding half-up past 9 digits; throws on overflow. */
  public static long fromDecimal(BigDecimal value) {
    return value.setScale(SCALE, RoundingMode.HALF_UP).unscaledValue().longValueExact();
  }

  /** The exact decimal value of nanos. */
  public static BigDecimal toDecimal(long nanos) {
    return BigDecimal.valueOf(nanos, SCALE);
  }
}
