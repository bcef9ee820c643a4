package dev.tollgate.server.storage;

import dev.tollgate.core.credit.packages.EditionRules;
import dev.tollgate.server.accounts.Account;
import dev.tollgate.server.accounts.AccountCommands;
import dev.tollgate.server.accounts.AccountStore;
import dev.tollgate.server.notify.Notice;
import dev.tollgate.server.notify.Outbox;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reports and evaluates an account's knowledge-base usage against the storage capacity of the
 * edition in effect. Every command locks the account's row first (the lock purchases take), so a
 * purchase and an evaluation never see each other half-done.
 */
@Service
public class StorageCommands {
  /** Notice kind when an excess becomes invalid. */
  static final String NOTICE_KIND = "storage_excess_invalid";

  private final AccountStore accounts;
  private final StorageStore store;
  private final Outbox outbox;
  private final InstantSource clock;

  StorageCommands(AccountStore accounts, StorageStore store, Outbox outbox, InstantSource clock) {
    this.accounts = accounts;
    this.store = store;
    this.outbox = outbox;
    this.clock = clock;
  }

  /** The gateway's report of the knowledge base's size; the status evaluated at once. */
  @Transactional
  public StorageStatus report(String accountId, long usedUnits) {
    Account account = lock(accountId);
    Instant now = clock.instant();
    store.report(account.rootId(), accountId, usedUnits, now);
    return evaluate(account, now);
  }

  /** The status at the business clock's now; evaluating is idempotent, so a read catches up like the job. */
  @Transactional
  public StorageStatus status(String accountId) {
    return evaluate(lock(accountId), clock.instant());
  }

  /** The job's step for one account; false when the account is gone. */
  @Transactional
  public boolean reevaluate(String accountId) {
    var account = accounts.lock(accountId);
    account.ifPresent(a -> evaluate(a, clock.instant()));
    return account.isPresent();
  }

  /**
   * The storage capacity in force at {@code t}: the edition in effect's, 0 when none is (the package
   * lapsed) or when the account's PU are exhausted (seed 000: "when a package expires or PU resources
   * are exhausted").
   */
  long capacityAt(String rootId, String accountId, Instant t) {
    List<StorageStore.EditionCapacity> editions = store.editions(rootId, accountId);
    long editionCapacity = EditionRules.effectiveAt(
            editions.stream().map(StorageStore.EditionCapacity::edition).toList(), t)
        .flatMap(e -> editions.stream().filter(c -> c.edition().id().equals(e.id())).findFirst())
        .map(StorageStore.EditionCapacity::capacityUnits)
        .orElse(0L);
    return editionCapacity > 0 && store.hasSpendableCredit(rootId, accountId, t) ? editionCapacity : 0L;
  }

  private StorageStatus evaluate(Account account, Instant now) {
    String root = account.rootId();
    long capacity = capacityAt(root, account.id(), now);
    var usage = store.find(root, account.id()).orElse(null);
    if (usage == null) {
      return new StorageStatus(0, capacity, null, null);
    }
    StorageStatus next = StorageStatus.evaluate(usage.usedUnits(), capacity, usage.overSince(), now);
    boolean changed = !java.util.Objects.equals(next.overSince(), usage.overSince())
        || !java.util.Objects.equals(next.invalidSince(), usage.invalidSince());
    if (changed) {
      store.mark(root, account.id(), next.overSince(), next.invalidSince(), now);
      if (next.invalidSince() != null && usage.invalidSince() == null) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("usedUnits", Long.toString(next.usedUnits()));
        payload.put("capacityUnits", Long.toString(next.capacityUnits()));
        payload.put("excessUnits", Long.toString(next.excessUnits()));
        payload.put("overSince", next.overSince().toString());
        payload.put("invalidSince", next.invalidSince().toString());
        outbox.enqueue(List.of(new Notice(root, account.id(), NOTICE_KIND,
            NOTICE_KIND + ":" + account.id() + ":" + next.overSince(), payload, now)));
      }
    }
    return next;
  }

  private Account lock(String accountId) {
    return accounts.lock(accountId).orElseThrow(() -> AccountCommands.accountNotFound(accountId));
  }
}
