package dev.tollgate.core.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NanosTest {

  @ParameterizedTest(name = "\"{0}\" is {1} nanos")
  @CsvSource({
    "796.00,        796000000000",
    "0.0000025,     2500",
    "0,             0",
    "-3,            -3000000000",
    "0.000000001,   1",
    "9223372036.854775807, 9223372036854775807",
  })
  void parsesPlainDecimalStrings(String text, long nanos) {
    assertThat(Nanos.parse(text)).isEqualTo(nanos);
  }

  @ParameterizedTest(name = "\"{0}\" is refused with {1}")
  @CsvSource({
    "'',                    amount_invalid",
    "1e3,                   amount_invalid",
    "+1,                    amount_invalid",
    "' 1',                  amount_invalid",
    "1.,                    amount_invalid",
    ".5,                    amount_invalid",
    "1.2.3,                 amount_invalid",
    "0.0000000001,          amount_precision",
    "9223372036.854775808,  amount_out_of_range",
    "99999999999999999999,  amount_out_of_range",
    "123456789012345678901234, amount_out_of_range",
  })
  void refusesWhatIsNotAnExactAmount(String text, String code) {
    assertThatThrownBy(() -> Nanos.parse(text))
        .isInstanceOfSatisfying(AmountFormatException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  @Test
  void refusesNegativeWhereNotAllowed() {
    assertThatThrownBy(() -> Nanos.parseNonNegative("-0.01"))
        .isInstanceOfSatisfying(
            AmountFormatException.class, e -> assertThat(e.code()).isEqualTo("amount_negative"));
  }

  @ParameterizedTest(name = "{0} nanos reads \"{1}\"")
  @CsvSource({
    "796000000000, 796.00",
    "2500,         0.0000025",
    "0,            0.00",
    "1500000000,   1.50",
    "-1,           -0.000000001",
  })
  void formatsWithAtLeastTwoFractionDigits(long nanos, String text) {
    assertThat(Nanos.format(nanos)).isEqualTo(text);
  }

  @ParameterizedTest(name = "{0} nanos to {1} digits is {2}")
  @CsvSource({
    "1005000000, 2, 1010000000",
    "1004999999, 2, 1000000000",
    "-1005000000, 2, -1010000000",
    "123, 9, 123",
  })
  void roundsHalfUpAwayFromZero(long nanos, int digits, long rounded) {
    assertThat(Nanos.roundHalfUp(nanos, digits)).isEqualTo(rounded);
  }

  @Test
  void mulDivTakesTheWidePathWhenTheProductPassesSixtyThreeBits() {
    // A billion tokens at 100 USD per 1M tokens: 10^9 × 10^11 overflows a long, the result does not.
    assertThat(Nanos.mulDivHalfUp(1_000_000_000L, 100_000_000_000L, 1_000_000L))
        .isEqualTo(100_000_000_000_000L);
  }

  @Test
  void mulDivThrowsWhenTheResultDoesNotFit() {
    assertThatThrownBy(() -> Nanos.mulDivHalfUp(Long.MAX_VALUE, 2, 1))
        .isInstanceOf(ArithmeticException.class);
  }

  @Property(tries = 2000)
  void mulDivEqualsTheExactDecimalRoundedHalfUp(
      @ForAll long a, @ForAll long b, @ForAll @LongRange(min = 1) long divisor) {
    BigDecimal exact =
        new BigDecimal(BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)))
            .divide(BigDecimal.valueOf(divisor), 0, RoundingMode.HALF_UP);
    boolean fits = exact.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0
        && exact.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) >= 0;
    if (fits) {
      assertThat(Nanos.mulDivHalfUp(a, b, divisor)).isEqualTo(exact.longValueExact());
    } else {
      assertThatThrownBy(() -> Nanos.mulDivHalfUp(a, b, divisor)).isInstanceOf(ArithmeticException.class);
    }
  }

  @Property(tries = 2000)
  void formatAndParseRoundTrip(@ForAll long nanos) {
    assertThat(Nanos.parse(Nanos.format(nanos))).isEqualTo(nanos);
  }
}
