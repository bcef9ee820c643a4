package dev.tollgate.server.usage;

import dev.tollgate.server.ledger.BalanceChanges;
import dev.tollgate.server.pricing.CatalogRating;
import dev.tollgate.server.pricing.PriceCatalog;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Remembers, for a moment, authorisations refused for a reason only a write can lift, so that a
 * gateway retrying a broke or suspended caller is answered from memory (microseconds) instead of
 * queueing behind the holds of paying callers (BENCHMARKS.md: refusals shared the holds' latency).
 *
 * <p>Remembered: suspended, closed and overdue accounts, an account in debt, and an account with
 * nothing to spend on the meter while it holds nothing and has no exclusive concurrency on it —
 * states that only a write (credit, purchase, payment, setting) or time can change. A remembered
 * refusal is trusted while (1) this node has seen no {@link BalanceChanges balance change} since
 * the batch that refused it began, and (2) at most {@link #TTL_MS} has passed, which bounds how
 * long a change made on another node, or a grant that starts later, goes unseen. A memory can only
 * refuse, never admit, so it can never cause an overspend.
 */
@Component
class RefusalMemory {
  /** How long a remembered refusal may hide a change written on another node. */
  static final long TTL_MS = 500;
  /** Callers remembered at most; when full, new refusals are simply not remembered. */
  static final int ENTRIES_MAX = 10_000;

  private record Key(String caller, String meter) {}

  /** {@code hadEstimate}: a credit refusal is about the hold of a call with (or without) an estimate. */
  private record Entry(CallAnswer.Refused refusal, long epoch, long expiresAtNanos, boolean hadEstimate) {
    boolean aboutCredit() {
      return refusal.status() == HttpStatus.PAYMENT_REQUIRED;
    }
  }

  private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
  private final BalanceChanges changes;
  private final PriceCatalog catalog;
  private final InstantSource clock;

  RefusalMemory(BalanceChanges changes, PriceCatalog catalog, InstantSource clock) {
    this.changes = changes;
    this.catalog = catalog;
    this.clock = clock;
  }

  /** The counter to stamp refusals with: read it before the batch reads the database. */
  long epoch() {
    return changes.epoch();
  }

  void remember(AuthorizeCommand cmd, CallAnswer.Refused refusal, long epochBeforeReading) {
    if (entries.size() >= ENTRIES_MAX) {
      entries.values().removeIf(this::stale);
      if (entries.size() >= ENTRIES_MAX) {
        return;
      }
    }
    entries.put(key(cmd), new Entry(refusal, epochBeforeReading,
        System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TTL_MS), cmd.estimate() != null));
  }

  Optional<CallAnswer.Refused> recall(AuthorizeCommand cmd) {
    if (entries.isEmpty()) {
      return Optional.empty();
    }
    Key key = key(cmd);
    Entry entry = entries.get(key);
    if (entry == null) {
      return Optional.empty();
    }
    if (stale(entry)) {
      entries.remove(key, entry);
      return Optional.empty();
    }
    if (entry.aboutCredit() && !sameHoldBasis(entry, cmd)) {
      return Optional.empty();
    }
    return Optional.of(entry.refusal());
  }

  /**
   * "Nothing to spend" refuses every hold above zero. A call without an estimate holds the
   * prepaid amount, as the remembered one did (a change of that setting is a write); a call with
   * an estimate is repeated only when its list price is above zero.
   */
  private boolean sameHoldBasis(Entry entry, AuthorizeCommand cmd) {
    if (cmd.estimate() == null) {
      return !entry.hadEstimate();
    }
    return entry.hadEstimate()
        && catalog.rate(cmd.meter(), clock.instant(), cmd.estimate(), null, null) instanceof CatalogRating.Rated r
        && r.rating().totalNanos() > 0;
  }

  private boolean stale(Entry entry) {
    return entry.epoch() != changes.epoch() || System.nanoTime() - entry.expiresAtNanos() >= 0;
  }

  /** The same key text or account id: the batch resolved it to the same account. */
  private static Key key(AuthorizeCommand cmd) {
    return new Key(cmd.apiKey() != null ? "key:" + cmd.apiKey() : "account:" + cmd.accountId(), cmd.meter());
  }
}
