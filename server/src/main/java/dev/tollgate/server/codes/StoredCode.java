package dev.tollgate.server.codes;

import java.time.Instant;

/** A redemption code as stored (never the code itself). */
record StoredCode(
    String id, String batchId, String kind, Long amountNanos, String currency, String planId, String packageId,
    Integer days, int maxRedemptions, int perAccountLimit, int redeemedCount, Instant expiresAt, String description,
    String prefix, boolean enabled, Instant deletedAt, Instant createdAt, Instant updatedAt) {

  /** Derived, first that applies: deleted, disabled, expired, exhausted, else active. */
  String status(Instant now) {
    if (deletedAt != null) {
      return "deleted";
    }
    if (!enabled) {
      return "disabled";
    }
    if (expiresAt != null && !now.isBefore(expiresAt)) {
      return "expired";
    }
    if (redeemedCount >= maxRedemptions) {
      return "exhausted";
    }
    return "active";
  }
}
