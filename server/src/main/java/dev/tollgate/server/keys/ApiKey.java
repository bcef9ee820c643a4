package dev.tollgate.server.keys;

import java.time.Instant;

/** An API key as stored: never its text, only its prefix and hash. */
public record ApiKey(
    String id, String rootId, String accountId, String prefix, String remark, Instant createdAt, Instant lastUsedAt) {}
