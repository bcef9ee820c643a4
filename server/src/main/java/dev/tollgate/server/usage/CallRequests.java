package dev.tollgate.server.usage;

import dev.tollgate.server.http.ApiException;
import java.util.regex.Pattern;

/** Checks shared by authorise and settle requests, with their named limits. */
final class CallRequests {
  /** A gateway's request id: long enough for a UUID with a prefix, short enough to index. */
  static final int REQUEST_ID_LENGTH_MAX = 128;
  static final int ROUTE_LENGTH_MAX = 200;
  static final int METER_LENGTH_MAX = 200;
  static final int SERVICE_TIER_LENGTH_MAX = 64;

  private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:~-]{1," + REQUEST_ID_LENGTH_MAX + "}");

  private CallRequests() {}

  static String requestId(String requestId) {
    if (requestId == null) {
      throw ApiException.missingField("requestId");
    }
    if (!REQUEST_ID.matcher(requestId).matches()) {
      throw ApiException.invalidField("requestId", "request_id_invalid",
          "a request id is 1 to " + REQUEST_ID_LENGTH_MAX + " of A-Z a-z 0-9 . _ : ~ -");
    }
    return requestId;
  }

  static String meter(String meter) {
    if (meter == null) {
      throw ApiException.missingField("meter");
    }
    if (meter.isEmpty() || meter.length() > METER_LENGTH_MAX) {
      throw ApiException.invalidField("meter", "meter_invalid", "a meter name is 1 to " + METER_LENGTH_MAX + " characters");
    }
    return meter;
  }

  /** Exactly one of the two ways to name the caller. */
  static void caller(String apiKey, String accountId) {
    if ((apiKey == null) == (accountId == null)) {
      throw ApiException.invalidField("apiKey", "caller_invalid", "name the caller with exactly one of apiKey or accountId");
    }
  }

  static String optional(String value, String field, int max) {
    if (value != null && (value.isEmpty() || value.length() > max)) {
      throw ApiException.invalidField(field, field.toLowerCase(java.util.Locale.ROOT) + "_invalid",
          "'" + field + "' is 1 to " + max + " characters");
    }
    return value;
  }
}
