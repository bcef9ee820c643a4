package dev.tollgate.server.notify;

import java.time.Instant;

/** A row of the delivery log: one notice on one channel, and what became of it. */
record Delivery(
    long id,
    String rootId,
    String accountId,
    long noticeId,
    String kind,
    String channel,
    String target,
    String status,
    int attempts,
    Instant nextAttemptAt,
    String lastError,
    Integer lastStatusCode,
    Instant createdAt,
    Instant updatedAt) {}
