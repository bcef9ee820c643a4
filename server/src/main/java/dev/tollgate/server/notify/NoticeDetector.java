package dev.tollgate.server.notify;

import dev.tollgate.server.jobs.RecurringJob;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Looks at the business clock's now for grants that crossed a credit threshold or near their
 * expiry, and wallets that fell below their threshold, and writes one outbox notice per grant and
 * threshold (per wallet and crossing). Idempotent: a second run, on any node, finds nothing new.
 */
@Component
public class NoticeDetector implements RecurringJob {
  /** Notices written per statement and transaction; a run loops until a batch comes back short. */
  static final int BATCH_NOTICES_MAX = 1_000;
  /** Bounds one run; what is left is found by the next run a minute later. */
  static final int BATCHES_PER_RUN_MAX = 100;

  private final DetectionStore store;
  private final Outbox outbox;
  private final TransactionTemplate transactions;
  private final InstantSource clock;

  NoticeDetector(DetectionStore store, Outbox outbox, TransactionTemplate transactions, InstantSource clock) {
    this.store = store;
    this.outbox = outbox;
    this.transactions = transactions;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "notice-detector";
  }

  @Override
  public Duration interval() {
    return Duration.ofMinutes(1);
  }

  @Override
  public void run() {
    detectOnce();
  }

  /** How many new notices of each kind one run wrote. */
  public record Detected(int creditThreshold, int expiryNotice, int lowWallet) {}

  public Detected detectOnce() {
    Instant now = clock.instant();
    int credit = drain(limit -> store.creditThresholds(now, limit));
    int expiry = drain(limit -> store.expiries(now, limit));
    int lowWallet = drain(limit -> {
      // The reset and the new crossings run in the transaction that writes the notices, so a
      // crossing is recorded exactly when its notice is.
      store.resetRecoveredWallets();
      return store.newLowWallets(now, limit);
    });
    return new Detected(credit, expiry, lowWallet);
  }

  private int drain(Function<Integer, List<Notice>> detect) {
    int written = 0;
    for (int batch = 0; batch < BATCHES_PER_RUN_MAX; batch++) {
      // {found, new}: a notice another node wrote meanwhile is found but not new.
      int[] counts = transactions.execute(status -> {
        List<Notice> notices = detect.apply(BATCH_NOTICES_MAX);
        return new int[] {notices.size(), outbox.enqueue(notices)};
      });
      written += counts[1];
      if (counts[0] < BATCH_NOTICES_MAX) {
        break;
      }
    }
    return written;
  }
}
