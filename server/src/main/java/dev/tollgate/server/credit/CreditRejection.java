package dev.tollgate.server.credit;

import dev.tollgate.server.http.ApiException;
import org.springframework.http.HttpStatus;

/**
 * Why a grant or wallet request is refused, in the order they are checked: the body's fields
 * (422), the account (404), the idempotency key (409), then the credit (409). Codes are stable.
 */
public enum CreditRejection {
  KIND_INVALID(HttpStatus.UNPROCESSABLE_CONTENT, "kind_invalid",
      "kind is one of free, trial, edition, prepaid, promo, allocation"),
  DENOMINATION_INVALID(HttpStatus.UNPROCESSABLE_CONTENT, "denomination_invalid", "denomination is units or money"),
  METERS_EMPTY(HttpStatus.UNPROCESSABLE_CONTENT, "meters_empty", "meters lists at least one meter; omit it for every meter"),
  METERS_TOO_MANY(HttpStatus.UNPROCESSABLE_CONTENT, "meters_too_many",
      "a grant lists at most " + GrantRequest.METERS_MAX + " meters"),
  METER_INVALID(HttpStatus.UNPROCESSABLE_CONTENT, "meter_invalid",
      "a meter name is 1 to " + GrantRequest.METER_LENGTH_MAX + " characters, not blank, listed once"),
  UNITS_NEED_ONE_METER(HttpStatus.UNPROCESSABLE_CONTENT, "units_grant_needs_one_meter",
      "a units grant counts the units of exactly one meter: list exactly one in meters"),
  UNITS_AMOUNT_INVALID(HttpStatus.UNPROCESSABLE_CONTENT, "amount_invalid",
      "a units amount is a whole number of units, e.g. \"500\""),
  AMOUNT_NOT_POSITIVE(HttpStatus.UNPROCESSABLE_CONTENT, "amount_not_positive", "the amount must be greater than zero"),
  PRIORITY_INVALID(HttpStatus.UNPROCESSABLE_CONTENT, "priority_invalid",
      "priority is an integer from 0 to " + GrantRequest.PRIORITY_MAX + " (lower burns first)"),
  EXPIRY_NOT_AFTER_EFFECTIVE(HttpStatus.UNPROCESSABLE_CONTENT, "expiry_not_after_effective",
      "expiresAt must be after effectiveAt"),
  EXPIRY_IN_PAST(HttpStatus.UNPROCESSABLE_CONTENT, "expiry_in_past", "expiresAt must be in the future"),
  IDEMPOTENCY_KEY_INVALID(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency_key_invalid",
      "an idempotency key is 1 to " + GrantRequest.KEY_LENGTH_MAX + " characters"),
  REASON_INVALID(HttpStatus.UNPROCESSABLE_CONTENT, "reason_invalid",
      "a reason is 1 to " + WalletRequest.REASON_LENGTH_MAX + " characters and not blank"),
  ALLOCATION_NEEDS_SUB_ACCOUNT(HttpStatus.UNPROCESSABLE_CONTENT, "allocation_needs_sub_account",
      "an allocation is team quota a root gives a member: the account must be a sub-account"),
  ALLOCATION_NOT_MONEY(HttpStatus.UNPROCESSABLE_CONTENT, "allocation_not_money",
      "an allocation is funded from the root's wallet, so it is money"),
  IDEMPOTENCY_KEY_MISMATCH(HttpStatus.CONFLICT, "idempotency_key_mismatch",
      "this idempotency key was used with a different request"),
  INSUFFICIENT_CREDIT(HttpStatus.CONFLICT, "insufficient_credit", "the wallet balance does not cover the amount"),
  BALANCE_OUT_OF_RANGE(HttpStatus.UNPROCESSABLE_CONTENT, "amount_out_of_range",
      "the wallet balance would exceed what an amount can hold");

  private final HttpStatus status;
  private final String code;
  private final String message;

  CreditRejection(HttpStatus status, String code, String message) {
    this.status = status;
    this.code = code;
    this.message = message;
  }

  public String code() {
    return code;
  }

  public ApiException exception(String field) {
    return new ApiException(status, code, message, field);
  }

  public ApiException exception() {
    return exception(null);
  }
}
