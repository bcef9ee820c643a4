package dev.tollgate.server.ledger;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A node-local counter of committed changes that may let an account spend more than before: a
 * credit, grant, purchase, payment, setting or price written on this node. Whatever remembers a
 * refusal (the hot path's {@code RefusalMemory}) stamps it with the counter read before it looked
 * at the database and trusts it only while the counter is unchanged. The counter moves after the
 * change commits, never before, so a stamp can never cover a state older than its reading.
 */
@Component
public class BalanceChanges {
  private final AtomicLong epoch = new AtomicLong();

  public long epoch() {
    return epoch.get();
  }

  /** A change has committed. */
  public void changed() {
    epoch.incrementAndGet();
  }

  /** Inside a transaction: counts the change once it commits (nothing if it rolls back). */
  public void changedOnCommit() {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      changed();
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        changed();
      }
    });
  }
}
