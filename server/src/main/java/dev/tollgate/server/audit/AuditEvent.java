package dev.tollgate.server.audit;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** One recorded operator change: who ({@code actor}), when, what (action, target, redacted details). */
public record AuditEvent(
    long id, Instant occurredAt, String actor, String action, String method, String path, String target, int status,
    JsonNode details) {}
