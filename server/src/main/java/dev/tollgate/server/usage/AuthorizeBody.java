package dev.tollgate.server.usage;

import dev.tollgate.server.pricing.UsageBody;

/** {@code POST /v1/authorize}, as API.md fixes it. */
public record AuthorizeBody(
    String requestId, String apiKey, String accountId, String meter, UsageBody estimate, String serviceTier) {

  AuthorizeCommand check() {
    CallRequests.requestId(requestId);
    CallRequests.caller(apiKey, accountId);
    CallRequests.meter(meter);
    CallRequests.optional(serviceTier, "serviceTier", CallRequests.SERVICE_TIER_LENGTH_MAX);
    return new AuthorizeCommand(requestId, apiKey, accountId, meter, estimate == null ? null : estimate.toUsage(), serviceTier);
  }
}
