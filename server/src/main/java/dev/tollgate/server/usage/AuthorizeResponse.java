package dev.tollgate.server.usage;

import java.time.Instant;

/**
 * The answer to an authorise: the hold to settle against and what the gateway needs to know of
 * the account for this call.
 */
record AuthorizeResponse(
    String holdId, String requestId, String heldAmount, String currency, Instant expiresAt, Settings settings) {

  record Settings(boolean contentModeration, String billingMode, boolean postpaidEnabled) {}
}
