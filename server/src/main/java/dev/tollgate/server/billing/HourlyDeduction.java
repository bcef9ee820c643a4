package dev.tollgate.server.billing;

import dev.tollgate.core.ledger.JournalEntries;
import dev.tollgate.core.ledger.LedgerUnit;
import dev.tollgate.server.credit.CreditStore;
import dev.tollgate.server.ledger.Booking;
import dev.tollgate.server.ledger.JournalStore;
import dev.tollgate.server.store.SqlTime;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code postpaid-hourly} (seed 002: "charges are deducted from the account balance on an hourly
 * basis"): when the platform's {@code postpaidSettlement} is {@code hourly}, once per hour it takes
 * the postpaid amount of every call before the hour from the caller's wallet — a {@code
 * wallet_debit} per account and hour ({@code hourly:{account}:{hourEnd}}), which may leave a debt —
 * and stamps the calls {@code deducted_at}. Calls of a month already billed are left to the bill.
 * The hour is claimed in {@code postpaid_deduction_runs} first, so a second run or node in the
 * same hour deducts nothing; calls reported late are taken the next hour.
 */
@Component
public class HourlyDeduction {
  /** Calls older than this are left to their monthly bill (which is issued long before). */
  static final Duration LOOK_BACK = Duration.ofDays(62);

  private final JdbcClient jdbc;
  private final BillStore bills;
  private final JournalStore journal;
  private final CreditStore credit;
  private final TransactionTemplate tx;
  private final InstantSource clock;

  HourlyDeduction(JdbcClient jdbc, BillStore bills, JournalStore journal, CreditStore credit, TransactionTemplate tx,
      InstantSource clock) {
    this.jdbc = jdbc;
    this.bills = bills;
    this.journal = journal;
    this.credit = credit;
    this.tx = tx;
    this.clock = clock;
  }

  /** The settlement mode is read on each run, so switching it applies at the next hour. */
  /** Runs the deduction for the hour that ended last before the clock's now; returns the accounts debited. */
  public int run() {
    return deductBefore(clock.instant().truncatedTo(ChronoUnit.HOURS));
  }

  int deductBefore(Instant hourEnd) {
    if (bills.settings().settlement() != PostpaidSettlement.HOURLY) {
      return 0;
    }
    Integer debited = tx.execute(status -> {
      Instant now = clock.instant();
      boolean claimed = jdbc.sql("INSERT INTO postpaid_deduction_runs (hour_end, ran_at) VALUES (?, ?) ON CONFLICT DO NOTHING")
          .params(SqlTime.of(hourEnd), SqlTime.of(now))
          .update() == 1;
      if (!claimed) {
        return 0;
      }
      List<String> ids = jdbc.sql("""
              SELECT DISTINCT account_id FROM usage_records
               WHERE postpaid_nanos > 0 AND deducted_at IS NULL AND occurred_at >= ? AND occurred_at < ?""")
          .params(SqlTime.of(hourEnd.minus(LOOK_BACK)), SqlTime.of(hourEnd))
          .query(String.class)
          .list();
      if (ids.isEmpty()) {
        return 0;
      }
      Map<String, BillStore.BilledAccount> accounts = new HashMap<>();
      bills.lockAccounts(ids).forEach(a -> accounts.put(a.id(), a));
      Map<String, Long> amounts = new LinkedHashMap<>();
      // Under the account locks: a bill issued meanwhile is seen, and its month is left alone.
      jdbc.sql("""
              UPDATE usage_records u SET deducted_at = ?
                FROM accounts a
               WHERE a.id = u.account_id AND u.account_id = ANY(?::text[])
                 AND u.postpaid_nanos > 0 AND u.deducted_at IS NULL AND u.occurred_at >= ? AND u.occurred_at < ?
                 AND NOT EXISTS (SELECT 1 FROM bills b WHERE b.account_id = u.account_id
                                    AND b.month = to_char(u.occurred_at AT TIME ZONE a.timezone, 'YYYY-MM'))
              RETURNING u.account_id, u.postpaid_nanos""")
          .params(SqlTime.of(hourEnd), accounts.keySet().toArray(String[]::new), SqlTime.of(hourEnd.minus(LOOK_BACK)),
              SqlTime.of(hourEnd))
          .query(rs -> {
            amounts.merge(rs.getString("account_id"), rs.getLong("postpaid_nanos"), Math::addExact);
          });
      List<Booking> bookings = new ArrayList<>();
      Map<CreditStore.WalletKey, Long> wallets = new HashMap<>();
      amounts.forEach((accountId, amount) -> {
        BillStore.BilledAccount a = accounts.get(accountId);
        bookings.add(new Booking(a.rootId(), accountId, JournalEntries.walletDebit(
            "hourly:" + accountId + ":" + hourEnd, hourEnd, "postpaid-hourly:" + hourEnd, accountId,
            LedgerUnit.money(a.currency()), amount)));
        wallets.put(new CreditStore.WalletKey(a.rootId(), accountId), -amount);
      });
      for (int from = 0; from < bookings.size(); from += JournalStore.BATCH_ENTRIES_MAX) {
        journal.append(bookings.subList(from, Math.min(bookings.size(), from + JournalStore.BATCH_ENTRIES_MAX)), now);
      }
      credit.addToWallets(wallets, now);
      return bookings.size();
    });
    return debited == null ? 0 : debited;
  }
}
