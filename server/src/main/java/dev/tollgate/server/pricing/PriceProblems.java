package dev.tollgate.server.pricing;

import dev.tollgate.core.money.AmountFormatException;
import dev.tollgate.core.money.Nanos;
import dev.tollgate.core.pricing.Rejection;
import dev.tollgate.core.pricing.Validated;
import dev.tollgate.server.http.ApiException;
import org.springframework.http.HttpStatus;

/** The one mapping from the pricing core's refusals to HTTP: 422 with the rejection's code. */
final class PriceProblems {
  private PriceProblems() {}

  static ApiException of(Rejection rejection) {
    return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, rejection.code(), rejection.detail());
  }

  static ApiException of(Rejection rejection, String field) {
    return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, rejection.code(), rejection.detail(), field);
  }

  static ApiException unprocessable(String code, String detail, String field) {
    return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, code, detail, field);
  }

  /** The value, or the rejection as a 422 naming {@code field}. */
  static <T> T valid(Validated<T> validated, String field) {
    if (validated instanceof Validated.Invalid<T> invalid) {
      throw of(invalid.rejection(), field);
    }
    return ((Validated.Valid<T>) validated).value();
  }

  /**
   * Parses a decimal amount, keeping the sign: a negative price is the core's {@code
   * price_negative}, checked in its documented order, not a format error.
   */
  static long amount(String text, String field) {
    try {
      return Nanos.parse(text);
    } catch (AmountFormatException e) {
      throw unprocessable(e.code(), e.getMessage(), field);
    }
  }

  static long amountNonNegative(String text, String field) {
    try {
      return Nanos.parseNonNegative(text);
    } catch (AmountFormatException e) {
      throw unprocessable(e.code(), e.getMessage(), field);
    }
  }
}
