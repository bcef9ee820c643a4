package dev.tollgate.server.credit.packages;

import dev.tollgate.core.credit.Grant;
import dev.tollgate.core.credit.GrantClass;
import dev.tollgate.core.credit.packages.AllowancePeriods;
import dev.tollgate.core.ledger.JournalEntries;
import dev.tollgate.core.ledger.LedgerAccount;
import dev.tollgate.core.ledger.LedgerUnit;
import dev.tollgate.server.accounts.Account;
import dev.tollgate.server.accounts.AccountStore;
import dev.tollgate.server.credit.CreditStore;
import dev.tollgate.server.credit.GrantStore;
import dev.tollgate.server.credit.StoredGrant;
import dev.tollgate.server.jobs.RecurringJob;
import dev.tollgate.server.ledger.Booking;
import dev.tollgate.server.ledger.JournalStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code period-allowances}: at the business clock's now, issues each edition's allowance for every
 * monthly period that has started and has none yet ({@link AllowancePeriods}: anchored at the
 * edition's start in the account's zone, month-end clamped), so a run after downtime catches up at
 * once. Each allowance is a grant of class {@code edition} with the edition's rank, valid for its
 * period (cut at the edition's end), and a {@code grant_issued} entry.
 *
 * <p>Exactly once per (edition, period): the edition is re-read under its account's row lock (the
 * lock purchases and settle take) and its {@code allowances_issued} counter moves in the same
 * transaction; the grant id {@code g_{editionId}_p{period}} and entry id {@code je_} + grant id are
 * deterministic, so a second writer could not insert them twice either.
 */
@Component
class PeriodAllowancesJob implements RecurringJob {
  private static final Logger log = LoggerFactory.getLogger(PeriodAllowancesJob.class);
  static final Duration INTERVAL = Duration.ofMinutes(15);
  /** Editions per look; each is its own transaction, and the job looks again while a look is full. */
  static final int BATCH_MAX = 200;

  private final PurchaseStore purchases;
  private final PackageStore packages;
  private final AccountStore accounts;
  private final CreditStore credit;
  private final GrantStore grants;
  private final JournalStore journal;
  private final TransactionTemplate tx;
  private final InstantSource clock;

  PeriodAllowancesJob(PurchaseStore purchases, PackageStore packages, AccountStore accounts, CreditStore credit,
      GrantStore grants, JournalStore journal, TransactionTemplate tx, InstantSource clock) {
    this.purchases = purchases;
    this.packages = packages;
    this.accounts = accounts;
    this.credit = credit;
    this.grants = grants;
    this.journal = journal;
    this.tx = tx;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "period-allowances";
  }

  @Override
  public Duration interval() {
    return INTERVAL;
  }

  @Override
  public void run() {
    Instant now = clock.instant();
    int issued = 0;
    List<PurchaseStore.AllowanceState> due;
    int progress;
    do {
      due = purchases.allowanceDue(now, BATCH_MAX);
      progress = 0;
      for (PurchaseStore.AllowanceState e : due) {
        Integer n = tx.execute(status -> issue(e.rootId(), e.id(), e.accountId(), now));
        issued += n;
        progress++;
      }
      // A full look means more may be due; every edition looked at moved past now or its end.
    } while (due.size() == BATCH_MAX && progress > 0);
    if (issued > 0) {
      log.info("issued {} period allowances", issued);
    }
  }

  /** Issues one edition's due periods; returns how many (0 when another run issued them). */
  int issue(String rootId, String editionId, String accountId, Instant now) {
    if (credit.lockAndLoad(accountId, now).isEmpty()) {
      return 0;
    }
    var edition = purchases.allowanceState(rootId, editionId).orElse(null);
    if (edition == null) {
      return 0;
    }
    Account account = accounts.find(accountId).orElseThrow();
    ZoneId zone = ZoneId.of(account.timezone());
    var due = AllowancePeriods.due(edition.effectiveAt(), edition.expiresAt(), edition.allowancesIssued(), now, zone);
    int issued = edition.allowancesIssued() + due.size();
    Instant next = AllowancePeriods.start(edition.effectiveAt(), issued, zone);
    if (!due.isEmpty()) {
      CatalogPackage pkg = packages.find(edition.packageId()).orElseThrow();
      LedgerUnit.Money currency = LedgerUnit.money(account.currency());
      LedgerAccount source = LedgerAccount.grantFunding(GrantClass.EDITION);
      var bookings = new ArrayList<Booking>();
      for (AllowancePeriods.Allowance a : due) {
        long amount = edition.monthlyAllowance();
        Grant g = new Grant("g_" + edition.id() + "_p" + a.index(), GrantClass.EDITION, pkg.denomination(),
            pkg.scope(), a.start(), a.end(), Grant.PRIORITY_DEFAULT, now, amount, amount, false, false);
        grants.insert(new StoredGrant(rootId, accountId, g, JournalEntries.unitOf(g, currency).code(), source.code(),
            "purchase", edition.purchaseId()), null, null);
        purchases.rankGrant(rootId, g.id(), edition.rank());
        bookings.add(new Booking(rootId, accountId, JournalEntries.grantIssued("je_" + g.id(), a.start(), g, currency, source)));
      }
      journal.append(bookings, now);
    }
    purchases.allowancesIssued(rootId, editionId, issued, next);
    return due.size();
  }
}
