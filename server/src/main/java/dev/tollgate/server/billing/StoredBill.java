package dev.tollgate.server.billing;

import java.time.Instant;

/** A bill as stored; {@code linesJson} is the {@link BillLines} JSON. Amounts in nanos. */
record StoredBill(
    String rootId,
    String accountId,
    String month,
    String currency,
    String timezone,
    Instant periodStart,
    Instant periodEnd,
    String linesJson,
    long accruedNanos,
    long totalNanos,
    long totalRoundedNanos,
    long deductedNanos,
    long dueNanos,
    String status,
    String entryId,
    Instant issuedAt,
    Instant dueAt,
    Instant paidAt,
    String paymentSource,
    String paymentEntryId,
    String paymentReference) {

  static final String OPEN = "open";
  static final String PAID = "paid";
  static final String OVERDUE = "overdue";
}
