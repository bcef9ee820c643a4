package dev.tollgate.server.usage;

import dev.tollgate.server.http.ApiException;
import dev.tollgate.server.pricing.UsageBody;
import java.time.Instant;

/** {@code POST /v1/settle}, as API.md fixes it; also one event of {@code /v1/usage:batch}. */
public record SettleBody(
    String requestId,
    String holdId,
    String apiKey,
    String accountId,
    String meter,
    String status,
    Instant occurredAt,
    UsageBody usage,
    Long latencyMs,
    String route,
    String serviceTier) {

  SettleCommand check(Instant now) {
    CallRequests.requestId(requestId);
    CallRequests.caller(apiKey, accountId);
    CallRequests.meter(meter);
    boolean success;
    if (status == null) {
      throw ApiException.missingField("status");
    } else if (status.equals("success")) {
      success = true;
    } else if (status.equals("failed")) {
      success = false;
    } else {
      throw ApiException.invalidField("status", "status_invalid", "status is success or failed");
    }
    if (latencyMs != null && latencyMs < 0) {
      throw ApiException.invalidField("latencyMs", "latency_invalid", "latencyMs is not negative");
    }
    CallRequests.optional(route, "route", CallRequests.ROUTE_LENGTH_MAX);
    CallRequests.optional(serviceTier, "serviceTier", CallRequests.SERVICE_TIER_LENGTH_MAX);
    CallRequests.optional(holdId, "holdId", CallRequests.REQUEST_ID_LENGTH_MAX + 8);
    var checkedUsage = (usage == null ? new UsageBody(null, null, null, null, null, null, null, null, null) : usage).toUsage();
    return new SettleCommand(requestId, holdId, apiKey, accountId, meter, success,
        occurredAt != null ? occurredAt : now, checkedUsage, latencyMs, route, serviceTier);
  }
}
