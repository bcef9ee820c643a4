package dev.tollgate.core.pricing;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * An exact positive multiplier, always reduced: a price-group discount of 0.8 is 4/5, a flex
 * service tier 1/2, priority 2/1. Multipliers compose by {@link #times}, which is commutative and
 * exact, so the order in which a plan and a service tier are applied cannot change a charge.
 */
public record Fraction(long numerator, long denominator) {
  public static final Fraction ONE = new Fraction(1, 1);

  /** Decimal multipliers from configuration: "0.8", "1.25", "2", or a fraction "1/2". */
  private static final int TEXT_LENGTH_MAX = 40;

  public Fraction {
    if (numerator <= 0 || denominator <= 0) {
      throw new IllegalArgumentException(
          "a multiplier is a positive fraction: " + numerator + "/" + denominator);
    }
    long gcd = gcd(numerator, denominator);
    numerator /= gcd;
    denominator /= gcd;
  }

  public static Fraction of(long numerator, long denominator) {
    return new Fraction(numerator, denominator);
  }

  /** Parses "0.8" (→ 4/5), "2" or "1/2"; refuses zero, negatives, exponents and overflow. */
  public static Validated<Fraction> parse(String text) {
    Rejection rejection = Rejection.of(PriceRejection.MULTIPLIER_INVALID, "multiplier is \"" + text + "\"");
    if (text == null || text.isEmpty() || text.length() > TEXT_LENGTH_MAX) {
      return Validated.invalid(rejection);
    }
    try {
      int slash = text.indexOf('/');
      if (slash >= 0) {
        long numerator = Long.parseLong(text.substring(0, slash));
        long denominator = Long.parseLong(text.substring(slash + 1));
        if (numerator <= 0 || denominator <= 0) {
          return Validated.invalid(rejection);
        }
        return Validated.valid(new Fraction(numerator, denominator));
      }
      if (!text.matches("[0-9]+(\\.[0-9]+)?")) {
        return Validated.invalid(rejection);
      }
      BigDecimal value = new BigDecimal(text);
      BigInteger numerator = value.unscaledValue();
      BigInteger denominator = BigInteger.TEN.pow(value.scale());
      BigInteger gcd = numerator.gcd(denominator);
      if (numerator.signum() <= 0) {
        return Validated.invalid(rejection);
      }
      return Validated.valid(
          new Fraction(
              numerator.divide(gcd).longValueExact(), denominator.divide(gcd).longValueExact()));
    } catch (NumberFormatException | ArithmeticException invalid) {
      return Validated.invalid(rejection);
    }
  }

  /** The exact product; cross-reduces first, and throws {@link ArithmeticException} on overflow. */
  public Fraction times(Fraction other) {
    long g1 = gcd(numerator, other.denominator);
    long g2 = gcd(other.numerator, denominator);
    return new Fraction(
        Math.multiplyExact(numerator / g1, other.numerator / g2),
        Math.multiplyExact(denominator / g2, other.denominator / g1));
  }

  public boolean isOne() {
    return numerator == 1 && denominator == 1;
  }

  @Override
  public String toString() {
    return numerator + "/" + denominator;
  }

  private static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }
}
