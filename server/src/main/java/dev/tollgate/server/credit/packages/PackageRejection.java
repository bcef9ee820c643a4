package dev.tollgate.server.credit.packages;

import dev.tollgate.server.http.ApiException;
import org.springframework.http.HttpStatus;

/**
 * Why a package, purchase, refund, upgrade or renewal is refused, in the order they are checked:
 * the body's fields (422), what it names (404), the idempotency key (409), then the state of the
 * account (409/402). Codes are stable; every refusal changes nothing.
 */
public enum PackageRejection {
  PACKAGE_ID_INVALID(HttpStatus.UNPROCESSABLE_CONTENT, "package_id_invalid",
      "a package id is 1 to " + PackageRequest.ID_LENGTH_MAX + " letters, digits, '.', '_' or '-'"),
  NAME_INVALID(HttpStatus.UNPROCESSABLE_CONTENT, "name_invalid",
      "a name is 1 to " + PackageRequest.NAME_LENGTH_MAX + " characters and not blank"),
  KIND_INVALID(HttpStatus.UNPROCESSABLE_CONTENT, "kind_invalid", "kind is one of prepaid, edition, addon, concurrency"),
  DENOMINATION_INVALID(HttpStatus.UNPROCESSABLE_CONTENT, "denomination_invalid", "denomination is units or money"),
  METERS_EMPTY(HttpStatus.UNPROCESSABLE_CONTENT, "meters_empty", "meters lists at least one meter; omit it for every meter"),
  METERS_TOO_MANY(HttpStatus.UNPROCESSABLE_CONTENT, "meters_too_many",
      "a package lists at most " + PackageRequest.METERS_MAX + " meters"),
  METER_INVALID(HttpStatus.UNPROCESSABLE_CONTENT, "meter_invalid",
      "a meter name is 1 to " + PackageRequest.METER_LENGTH_MAX + " characters, not blank, listed once"),
  UNITS_NEED_ONE_METER(HttpStatus.UNPROCESSABLE_CONTENT, "units_package_needs_one_meter",
      "a units package counts the units of exactly one meter: list exactly one in meters"),
  AMOUNT_INVALID(HttpStatus.UNPROCESSABLE_CONTENT, "amount_invalid",
      "a units amount is a whole number of units, e.g. \"10000\"; a money amount a decimal string"),
  AMOUNT_NOT_POSITIVE(HttpStatus.UNPROCESSABLE_CONTENT, "amount_not_positive", "the amount must be greater than zero"),
  PRICE_NEGATIVE(HttpStatus.UNPROCESSABLE_CONTENT, "price_negative", "a price is zero or more"),
  CURRENCY_INVALID(HttpStatus.UNPROCESSABLE_CONTENT, "currency_invalid",
      "a currency is 3 to 16 capital letters or digits, starting with a letter (USD, CNY, CREDITS)"),
  VALIDITY_INVALID(HttpStatus.UNPROCESSABLE_CONTENT, "validity_invalid",
      "validity is an ISO-8601 period such as P1Y, P1M or P30D: positive, at most P100Y"),
  REFUNDABLE_DAYS_INVALID(HttpStatus.UNPROCESSABLE_CONTENT, "refundable_days_invalid",
      "refundableDays is an integer from 0 to " + PackageRequest.REFUNDABLE_DAYS_MAX),
  RANK_INVALID(HttpStatus.UNPROCESSABLE_CONTENT, "rank_invalid", "rank is an integer from 0 to " + PackageRequest.RANK_MAX),
  CONCURRENCY_INVALID(HttpStatus.UNPROCESSABLE_CONTENT, "concurrency_invalid",
      "concurrency is an integer from 1 to " + PackageRequest.CONCURRENCY_MAX),
  STORAGE_CAPACITY_INVALID(HttpStatus.UNPROCESSABLE_CONTENT, "storage_capacity_invalid",
      "storageCapacity is an integer from 0 to " + PackageRequest.STORAGE_CAPACITY_MAX),
  FIELD_NOT_APPLICABLE(HttpStatus.UNPROCESSABLE_CONTENT, "field_not_applicable",
      "this field does not apply to the package's kind"),
  QUANTITY_INVALID(HttpStatus.UNPROCESSABLE_CONTENT, "quantity_invalid",
      "quantity is an integer from 1 to " + PurchaseRequest.QUANTITY_MAX + "; an edition is bought one at a time"),
  IDEMPOTENCY_KEY_INVALID(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency_key_invalid",
      "an idempotency key is 1 to " + PurchaseRequest.KEY_LENGTH_MAX + " characters"),
  EXPECTED_UNITS_INVALID(HttpStatus.UNPROCESSABLE_CONTENT, "expected_units_invalid", "expected units must be at least 1"),
  CURRENCY_REQUIRED(HttpStatus.UNPROCESSABLE_CONTENT, "currency_required",
      "packages of this meter are offered in several currencies: name one in currency"),
  CURRENCY_MISMATCH(HttpStatus.UNPROCESSABLE_CONTENT, "currency_mismatch",
      "the package is priced in another currency than the account pays in"),
  AMOUNT_OUT_OF_RANGE(HttpStatus.UNPROCESSABLE_CONTENT, "amount_out_of_range", "the total is larger than an amount can hold"),
  PACKAGE_NOT_EDITION(HttpStatus.UNPROCESSABLE_CONTENT, "package_not_edition", "an upgrade goes to an edition package"),
  PACKAGE_NOT_FOUND(HttpStatus.NOT_FOUND, "package_not_found", "no such package"),
  PURCHASE_NOT_FOUND(HttpStatus.NOT_FOUND, "purchase_not_found", "no such purchase"),
  IDEMPOTENCY_KEY_MISMATCH(HttpStatus.CONFLICT, "idempotency_key_mismatch",
      "this idempotency key was used with a different request"),
  PACKAGE_INACTIVE(HttpStatus.CONFLICT, "package_inactive", "the package is no longer sold"),
  EDITION_NOT_ACTIVE(HttpStatus.CONFLICT, "edition_not_active",
      "an add-on is bought, and an edition upgraded, only while an edition is active"),
  UPGRADE_NOT_HIGHER(HttpStatus.CONFLICT, "upgrade_not_higher", "an upgrade goes to a higher edition"),
  RENEWAL_NOT_SUPPORTED(HttpStatus.CONFLICT, "renewal_not_supported",
      "only editions and concurrency packages are renewed; prepaid packages are bought again"),
  PURCHASE_NOT_ACTIVE(HttpStatus.CONFLICT, "purchase_not_active", "the purchase was refunded or has expired"),
  REFUND_NOT_ALLOWED(HttpStatus.CONFLICT, "refund_not_allowed",
      "a purchase is refundable once, within its refundable days, while none of its credit was used"),
  INSUFFICIENT_CREDIT(HttpStatus.PAYMENT_REQUIRED, "insufficient_credit", "the wallet balance does not cover the price");

  private final HttpStatus status;
  private final String code;
  private final String message;

  PackageRejection(HttpStatus status, String code, String message) {
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
