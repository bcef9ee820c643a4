package dev.tollgate.server.payments;

import java.math.BigDecimal;
import java.time.Instant;

/** A payment order as stored. {@code amountNanos} is what the wallet receives, in {@code currency}. */
record Order(
    String rootId, String id, String accountId, String kind, String provider, String status, long amountNanos,
    String currency, long payAmountNanos, String payCurrency, BigDecimal usdCnyRate, String providerRef, String payUrl,
    String idempotencyKey, String requestDigest, String entryId, Instant createdAt, Instant updatedAt) {

  static final String CREATED = "created";
  static final String PAID = "paid";
  static final String CREDITED = "credited";
  static final String FAILED = "failed";
  static final String REFUNDED = "refunded";
}
