package dev.tollgate.server.billing;

import dev.tollgate.core.billing.Bill;
import dev.tollgate.core.billing.BillingMonth;
import dev.tollgate.core.billing.BillingPeriod;
import dev.tollgate.core.billing.Bills;
import dev.tollgate.core.billing.MeterMonth;
import dev.tollgate.core.billing.MinorUnit;
import dev.tollgate.core.ledger.JournalEntry;
import dev.tollgate.core.money.Nanos;
import dev.tollgate.core.pricing.PriceVersion;
import dev.tollgate.server.credit.CreditStore;
import dev.tollgate.server.ledger.Booking;
import dev.tollgate.server.ledger.JournalStore;
import dev.tollgate.server.notify.Notice;
import dev.tollgate.server.notify.Outbox;
import dev.tollgate.server.pricing.PriceCatalog;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one code path that issues bills: {@code POST /v1/bills:generate} and the {@code
 * monthly-bills} job both call {@link #generate}. Each account's bill is issued in its own
 * transaction under the account's row lock: look for the bill, price the month, then write the
 * bill, its ledger correction and its notice once. A second run, or a second node, finds the bill
 * (or loses the insert to UNIQUE (account_id, month)) and writes nothing.
 */
@Service
public class BillRun {
  private final BillStore bills;
  private final PriceCatalog catalog;
  private final JournalStore journal;
  private final CreditStore credit;
  private final Outbox outbox;
  private final TransactionTemplate tx;
  private final JsonMapper json;

  BillRun(BillStore bills, PriceCatalog catalog, JournalStore journal, CreditStore credit, Outbox outbox,
      TransactionTemplate tx, JsonMapper json) {
    this.bills = bills;
    this.catalog = catalog;
    this.journal = journal;
    this.credit = credit;
    this.outbox = outbox;
    this.tx = tx;
    this.json = json;
  }

  /** What one generation did. {@code notEnded}: accounts whose zone has not finished the month yet. */
  public record Result(BillingMonth month, int generated, int existing, int notEnded) {}

  enum Outcome { GENERATED, EXISTING, NOT_ENDED, NOTHING_TO_BILL }

  /**
   * Issues the month's bill of every account with postpaid calls in it whose zone has finished
   * the month at {@code now}. The caller has checked that the month ended somewhere
   * ({@link BillingMonth#endedAnywhereAt}).
   */
  public Result generate(BillingMonth month, Instant now) {
    // Zones run from UTC−12 to UTC+14: any account's month lies inside this window.
    Instant from = month.period(ZoneOffset.ofHours(14)).start();
    Instant to = month.period(ZoneOffset.ofHours(-12)).endExclusive();
    int generated = 0;
    int existing = 0;
    int notEnded = 0;
    for (String accountId : bills.postpaidAccounts(from, to)) {
      Outcome outcome = tx.execute(status -> issue(accountId, month, now));
      switch (outcome) {
        case GENERATED -> generated++;
        case EXISTING -> existing++;
        case NOT_ENDED -> notEnded++;
        case NOTHING_TO_BILL -> { }
      }
    }
    return new Result(month, generated, existing, notEnded);
  }

  private Outcome issue(String accountId, BillingMonth month, Instant now) {
    Optional<BillStore.BilledAccount> locked = bills.lockAccount(accountId);
    if (locked.isEmpty()) {
      return Outcome.NOTHING_TO_BILL;
    }
    BillStore.BilledAccount account = locked.get();
    if (bills.find(accountId, month.code()).isPresent()) {
      return Outcome.EXISTING;
    }
    ZoneId zone = ZoneId.of(account.timezone());
    BillingPeriod period = month.period(zone);
    List<BillStore.MeterSums> sums = bills.meterSums(account.rootId(), accountId, period);
    if (sums.isEmpty()) {
      return Outcome.NOTHING_TO_BILL;
    }
    if (!period.endedAt(now)) {
      return Outcome.NOT_ENDED;
    }
    // The tiers of the price version in force at the month's last instant (PostgreSQL's resolution).
    Instant last = period.endExclusive().minus(1, ChronoUnit.MICROS);
    List<MeterMonth> usage = new ArrayList<>();
    long deducted = 0;
    for (BillStore.MeterSums s : sums) {
      var tiers = catalog.inForceAt(s.meter(), last)
          .filter(v -> v.currency().equals(account.currency()))
          .flatMap(PriceVersion::monthlyTiers);
      usage.add(new MeterMonth(s.meter(), s.units(), s.accruedNanos(), tiers));
      deducted = Math.addExact(deducted, s.deductedNanos());
    }
    Bill bill = Bills.price(account.currency(), usage);
    String entryId = "bill:" + accountId + ":" + month.code();
    Optional<JournalEntry> entry =
        Bills.correction(entryId, now, accountId + ":" + month.code(), accountId, usage, bill, deducted);
    long due = bill.dueAfter(deducted);
    BillStore.Settings settings = bills.settings();
    boolean settled = due == 0;
    StoredBill stored = new StoredBill(account.rootId(), accountId, month.code(), account.currency(),
        account.timezone(), period.start(), period.endExclusive(), BillLines.write(json, bill.lines()),
        bill.accruedNanos(), bill.totalNanos(), bill.totalRoundedNanos(), deducted, due,
        settled ? StoredBill.PAID : StoredBill.OPEN, entry.map(JournalEntry::id).orElse(null), now,
        now.plus(Duration.ofDays(settings.graceDays())), settled ? now : null,
        settled ? (deducted > 0 ? "hourly" : "nothing_due") : null, null, null);
    if (!bills.insert(stored)) {
      return Outcome.EXISTING;
    }
    entry.ifPresent(e -> journal.append(List.of(new Booking(account.rootId(), accountId, e)), now));
    long over = Bills.overDeducted(bill, deducted);
    if (over > 0) {
      credit.addToWallets(Map.of(new CreditStore.WalletKey(account.rootId(), accountId), over), now);
    }
    int digits = MinorUnit.digits(account.currency());
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("month", month.code());
    payload.put("currency", account.currency());
    payload.put("total", Nanos.format(bill.totalRoundedNanos(), digits));
    payload.put("due", Nanos.format(due, digits));
    payload.put("dueAt", stored.dueAt().toString());
    outbox.enqueue(List.of(new Notice(account.rootId(), accountId, "bill_issued",
        "bill_issued:" + accountId + ":" + month.code(), payload, now)));
    return Outcome.GENERATED;
  }

  /**
   * Marks open bills past their due time overdue and their accounts overdue (authorise then refuses
   * them), with one {@code account_overdue} notice per bill. Returns how many bills it marked.
   */
  public int markOverdue(Instant now) {
    Integer marked = tx.execute(status -> {
      List<String> accounts = bills.accountsWithBillsPastDue(now);
      if (accounts.isEmpty()) {
        return 0;
      }
      // Accounts first, in id order, as payments do: a bill is never locked before its account.
      bills.lockAccounts(accounts);
      List<BillStore.OverdueBill> overdue = bills.markOverdue(accounts, now);
      List<Notice> notices = new ArrayList<>();
      for (BillStore.OverdueBill b : overdue) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("month", b.month());
        payload.put("currency", b.currency());
        payload.put("due", Nanos.format(b.dueNanos(), MinorUnit.digits(b.currency())));
        payload.put("dueAt", b.dueAt().toString());
        notices.add(new Notice(b.rootId(), b.accountId(), "account_overdue",
            "account_overdue:" + b.accountId() + ":" + b.month(), payload, now));
      }
      outbox.enqueue(notices);
      return overdue.size();
    });
    return marked == null ? 0 : marked;
  }
}
