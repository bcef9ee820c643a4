package dev.tollgate.server.credit.packages;

import dev.tollgate.server.http.ApiException;
import org.springframework.http.HttpStatus;

/** Refusals only plans have; the rest are {@link PackageRejection}'s. Codes are stable. */
enum PlanRejection {
  INTERVAL_INVALID(HttpStatus.UNPROCESSABLE_CONTENT, "interval_invalid", "interval is monthly, yearly or lifetime"),
  DESCRIPTION_INVALID(HttpStatus.UNPROCESSABLE_CONTENT, "description_invalid",
      "a description is at most " + PlanRequest.DESCRIPTION_LENGTH_MAX + " characters"),
  DISCOUNT_INVALID(HttpStatus.UNPROCESSABLE_CONTENT, "discount_invalid",
      "discount is a decimal string greater than 0 and at most 1 (a price multiplier, e.g. \"0.8\"), at most 9 decimals"),
  PLAN_NOT_FOUND(HttpStatus.NOT_FOUND, "plan_not_found", "no such plan"),
  PACKAGE_NOT_PLAN(HttpStatus.CONFLICT, "package_not_plan", "a package that is not a plan already has this id");

  private final HttpStatus status;
  private final String code;
  private final String message;

  PlanRejection(HttpStatus status, String code, String message) {
    this.status = status;
    this.code = code;
    this.message = message;
  }

  ApiException exception(String field) {
    return new ApiException(status, code, message, field);
  }
}
