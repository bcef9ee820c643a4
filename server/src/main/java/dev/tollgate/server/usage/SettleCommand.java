package dev.tollgate.server.usage;

import dev.tollgate.core.pricing.Usage;
import java.time.Instant;

/** A checked settle request, ready for a batch. */
record SettleCommand(
    String requestId,
    String holdId,
    String apiKey,
    String accountId,
    String meter,
    boolean success,
    Instant occurredAt,
    Usage usage,
    Long latencyMs,
    String route,
    String serviceTier) {}
