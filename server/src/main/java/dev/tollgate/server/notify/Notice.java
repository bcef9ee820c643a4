package dev.tollgate.server.notify;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Something an operator or customer should hear about: a grant crossed 10 % remaining, a package
 * expires in 7 days, a bill was issued, an account became overdue, a wallet runs low.
 *
 * @param kind a stable snake_case name, e.g. {@code credit_threshold}, {@code expiry_notice},
 *     {@code bill_issued}, {@code account_overdue}, {@code low_wallet}
 * @param dedupeKey makes the notice happen once: e.g. {@code credit_threshold:grant_1:10:2026-11}
 * @param payload what channels show; values are JSON-serialisable (amounts as decimal strings)
 */
public record Notice(
    String rootId, String accountId, String kind, String dedupeKey, Map<String, Object> payload, Instant occurredAt) {
  /** Longest dedupe key: several ids and a period fit; more is a bug in the caller. */
  public static final int DEDUPE_KEY_LENGTH_MAX = 300;

  public Notice {
    Objects.requireNonNull(rootId, "rootId");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(occurredAt, "occurredAt");
    if (dedupeKey == null || dedupeKey.isEmpty() || dedupeKey.length() > DEDUPE_KEY_LENGTH_MAX) {
      throw new IllegalArgumentException("a notice needs a dedupe key of 1.." + DEDUPE_KEY_LENGTH_MAX + " characters");
    }
    payload = Map.copyOf(payload);
  }
}
