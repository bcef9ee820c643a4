package dev.tollgate.server.usage;

import dev.tollgate.core.pricing.Usage;

/** A checked authorise request; {@code estimate} is null when the gateway gave none. */
record AuthorizeCommand(
    String requestId, String apiKey, String accountId, String meter, Usage estimate, String serviceTier) {}
