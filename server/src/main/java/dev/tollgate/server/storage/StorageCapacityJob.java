package dev.tollgate.server.storage;

import dev.tollgate.server.jobs.RecurringJob;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code storage-capacity}: at the business clock's now, evaluates every account with usage or an
 * excess mark, as a report would (one transaction each): an edition that lapsed makes the capacity
 * 0 and starts the grace, a grace that passed marks the excess invalid (one notice), a purchase
 * that raised the capacity restores it. Idempotent: a second run at the same now changes nothing.
 */
@Component
class StorageCapacityJob implements RecurringJob {
  private static final Logger log = LoggerFactory.getLogger(StorageCapacityJob.class);
  static final Duration INTERVAL = Duration.ofMinutes(15);
  /** Accounts per look; the job pages on by account id. */
  static final int BATCH_MAX = 200;

  private final StorageStore store;
  private final StorageCommands commands;

  StorageCapacityJob(StorageStore store, StorageCommands commands) {
    this.store = store;
    this.commands = commands;
  }

  @Override
  public String name() {
    return "storage-capacity";
  }

  @Override
  public Duration interval() {
    return INTERVAL;
  }

  @Override
  public void run() {
    String after = "";
    int seen = 0;
    List<StorageStore.Usage> batch;
    do {
      batch = store.watched(after, BATCH_MAX);
      for (StorageStore.Usage u : batch) {
        commands.reevaluate(u.accountId());
        after = u.accountId();
        seen++;
      }
    } while (batch.size() == BATCH_MAX);
    if (seen > 0) {
      log.debug("evaluated storage of {} accounts", seen);
    }
  }
}
