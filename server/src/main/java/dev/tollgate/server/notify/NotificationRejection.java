package dev.tollgate.server.notify;

import dev.tollgate.server.http.ApiException;
import org.springframework.http.HttpStatus;

/**
 * Why a notification request is refused, with its stable code. Settings are checked field by
 * field in the order of the body, before anything is written; the first problem wins.
 */
enum NotificationRejection {
  CREDIT_THRESHOLD_INVALID(HttpStatus.UNPROCESSABLE_CONTENT, "credit_threshold_invalid",
      "each credit threshold is a whole percent from " + NotificationRules.PERCENT_MIN + " to " + NotificationRules.PERCENT_MAX),
  CREDIT_THRESHOLDS_DUPLICATE(HttpStatus.UNPROCESSABLE_CONTENT, "credit_thresholds_duplicate",
      "credit thresholds must be distinct"),
  CREDIT_THRESHOLDS_TOO_MANY(HttpStatus.UNPROCESSABLE_CONTENT, "credit_thresholds_too_many",
      "at most " + NotificationRules.THRESHOLDS_MAX + " credit thresholds"),
  EXPIRY_DAY_INVALID(HttpStatus.UNPROCESSABLE_CONTENT, "expiry_day_invalid",
      "each expiry notice is a whole number of days from 1 to " + NotificationRules.EXPIRY_DAYS_MAX_VALUE),
  EXPIRY_DAYS_DUPLICATE(HttpStatus.UNPROCESSABLE_CONTENT, "expiry_days_duplicate", "expiry days must be distinct"),
  EXPIRY_DAYS_TOO_MANY(HttpStatus.UNPROCESSABLE_CONTENT, "expiry_days_too_many",
      "at most " + NotificationRules.THRESHOLDS_MAX + " expiry days"),
  WEBHOOK_URL_INVALID(HttpStatus.UNPROCESSABLE_CONTENT, "webhook_url_invalid",
      "webhookUrl is an absolute http or https URL with a host, at most " + NotificationRules.URL_LENGTH_MAX + " characters"),
  WEBHOOK_SECRET_INVALID(HttpStatus.UNPROCESSABLE_CONTENT, "webhook_secret_invalid",
      "webhookSecret is " + NotificationRules.SECRET_LENGTH_MIN + " to " + NotificationRules.SECRET_LENGTH_MAX
          + " printable ASCII characters"),
  EMAIL_INVALID(HttpStatus.UNPROCESSABLE_CONTENT, "email_invalid", "not a single e-mail address"),
  EMAIL_RECIPIENTS_TOO_MANY(HttpStatus.UNPROCESSABLE_CONTENT, "email_recipients_too_many",
      "at most " + NotificationRules.RECIPIENTS_MAX + " e-mail recipients"),
  WEBHOOK_SECRET_REQUIRED(HttpStatus.UNPROCESSABLE_CONTENT, "webhook_secret_required",
      "webhooks cannot be turned on without a signing secret: set webhookSecret"),
  EMAIL_FROM_REQUIRED(HttpStatus.UNPROCESSABLE_CONTENT, "email_from_required",
      "e-mail cannot be turned on without a sender: set emailFrom"),
  STATUS_INVALID(HttpStatus.BAD_REQUEST, "status_invalid", "status is pending, sent, failed or dead"),
  DELIVERY_NOT_FOUND(HttpStatus.NOT_FOUND, "delivery_not_found", "no such delivery"),
  DELIVERY_NOT_RETRYABLE(HttpStatus.CONFLICT, "delivery_not_retryable",
      "only a failed or dead delivery can be retried; this one is sent or already pending"),
  NOTICE_NOT_FOUND(HttpStatus.NOT_FOUND, "notice_not_found", "no such notice in this account's inbox");

  private final HttpStatus status;
  private final String code;
  private final String message;

  NotificationRejection(HttpStatus status, String code, String message) {
    this.status = status;
    this.code = code;
    this.message = message;
  }

  String code() {
    return code;
  }

  ApiException exception(String field) {
    return new ApiException(status, code, message, field);
  }
}
