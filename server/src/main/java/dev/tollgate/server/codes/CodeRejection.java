package dev.tollgate.server.codes;

import dev.tollgate.server.http.ApiException;
import org.springframework.http.HttpStatus;

/**
 * Why a redemption is refused, in the order checked (the first that applies wins). Each is
 * decided before anything is written, so a refused redemption changes nothing (only the
 * throttle counts a {@link #CODE_INVALID}).
 */
enum CodeRejection {
  /** No such code, a malformed one, or a deleted one: indistinguishable on purpose. */
  CODE_INVALID(HttpStatus.NOT_FOUND, "code_invalid", "this code does not exist"),
  CODE_DISABLED(HttpStatus.CONFLICT, "code_disabled", "this code has been disabled"),
  CODE_EXPIRED(HttpStatus.GONE, "code_expired", "this code has expired"),
  CODE_EXHAUSTED(HttpStatus.CONFLICT, "code_exhausted", "this code has been redeemed as often as it may be"),
  CODE_LIMIT_REACHED(HttpStatus.CONFLICT, "code_limit_reached", "this account has redeemed this code as often as it may"),
  CODE_NOT_FOR_MODE(HttpStatus.UNPROCESSABLE_CONTENT, "code_not_for_mode",
      "this kind of code cannot be redeemed in the account's billing mode"),
  CODE_CURRENCY_MISMATCH(HttpStatus.UNPROCESSABLE_CONTENT, "code_currency_mismatch",
      "this balance code is in another currency than the account");

  private final HttpStatus status;
  private final String code;
  private final String detail;

  CodeRejection(HttpStatus status, String code, String detail) {
    this.status = status;
    this.code = code;
    this.detail = detail;
  }

  String code() {
    return code;
  }

  ApiException exception() {
    return new ApiException(status, code, detail);
  }

  ApiException exception(String moreDetail) {
    return new ApiException(status, code, detail + ": " + moreDetail);
  }
}
