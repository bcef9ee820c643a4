package dev.tollgate.server.billing;

import dev.tollgate.core.billing.BillingPeriod;
import dev.tollgate.server.store.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for bills, the postpaid usage they price and the accounts they mark overdue. Callers own the transaction. */
@Repository
class BillStore {
  private final JdbcClient jdbc;

  BillStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** What a bill needs of an account, read under its row lock. */
  record BilledAccount(String id, String rootId, String currency, String timezone) {}

  /**
   * Locks the accounts' rows in id order (the order every writer of accounts uses, so no deadlock
   * cycles) and returns them. Settle, the bill run, the hourly deduction and payments of one
   * account serialise here.
   */
  List<BilledAccount> lockAccounts(Collection<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("SELECT id, root_id, currency, timezone FROM accounts WHERE id = ANY(?::text[]) ORDER BY id FOR UPDATE")
        .params((Object) new TreeSet<>(ids).toArray(String[]::new))
        .query((rs, n) -> new BilledAccount(rs.getString("id"), rs.getString("root_id"), rs.getString("currency"),
            rs.getString("timezone")))
        .list();
  }

  Optional<BilledAccount> lockAccount(String id) {
    return lockAccounts(List.of(id)).stream().findFirst();
  }

  /** Accounts with postpaid calls in {@code [from, to)} (the partial index {@code usage_postpaid_by_time}). */
  List<String> postpaidAccounts(Instant from, Instant to) {
    return jdbc.sql("""
            SELECT DISTINCT account_id FROM usage_records
             WHERE (postpaid_nanos > 0 OR postpaid_units > 0) AND occurred_at >= ? AND occurred_at < ?
             ORDER BY account_id""")
        .params(SqlTime.of(from), SqlTime.of(to))
        .query(String.class)
        .list();
  }

  /** Months (in each account's zone) with postpaid calls in {@code [from, to)} that some account has no bill for. */
  List<String> unbilledMonths(Instant from, Instant to) {
    return jdbc.sql("""
            SELECT DISTINCT m.month FROM (
              SELECT u.account_id, to_char(u.occurred_at AT TIME ZONE a.timezone, 'YYYY-MM') AS month
                FROM usage_records u JOIN accounts a ON a.id = u.account_id
               WHERE (u.postpaid_nanos > 0 OR u.postpaid_units > 0) AND u.occurred_at >= ? AND u.occurred_at < ?) m
             WHERE NOT EXISTS (SELECT 1 FROM bills b WHERE b.account_id = m.account_id AND b.month = m.month)
             ORDER BY 1""")
        .params(SqlTime.of(from), SqlTime.of(to))
        .query(String.class)
        .list();
  }

  /** One meter's postpaid calls of an account in a period; {@code deductedNanos}: taken hourly already. */
  record MeterSums(String meter, long units, long accruedNanos, long deductedNanos) {}

  List<MeterSums> meterSums(String rootId, String accountId, BillingPeriod period) {
    return jdbc.sql("""
            SELECT meter, sum(postpaid_units) AS units, sum(postpaid_nanos) AS accrued,
                   coalesce(sum(postpaid_nanos) FILTER (WHERE deducted_at IS NOT NULL), 0) AS deducted
              FROM usage_records
             WHERE root_id = ? AND account_id = ? AND occurred_at >= ? AND occurred_at < ?
               AND (postpaid_nanos > 0 OR postpaid_units > 0)
             GROUP BY meter ORDER BY meter""")
        .params(rootId, accountId, SqlTime.of(period.start()), SqlTime.of(period.endExclusive()))
        .query((rs, n) -> new MeterSums(rs.getString("meter"), rs.getLong("units"), rs.getLong("accrued"),
            rs.getLong("deducted")))
        .list();
  }

  /** Inserts unless the account already has a bill for the month; returns whether this call inserted it. */
  boolean insert(StoredBill b) {
    return jdbc.sql("""
            INSERT INTO bills (root_id, account_id, month, currency, timezone, period_start, period_end, lines,
                               accrued_nanos, total_nanos, total_rounded_nanos, deducted_nanos, due_nanos, status,
                               entry_id, issued_at, due_at, paid_at, payment_source)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (root_id, account_id, month) DO NOTHING""")
        .params(b.rootId(), b.accountId(), b.month(), b.currency(), b.timezone(), SqlTime.of(b.periodStart()),
            SqlTime.of(b.periodEnd()), b.linesJson(), b.accruedNanos(), b.totalNanos(), b.totalRoundedNanos(),
            b.deductedNanos(), b.dueNanos(), b.status(), b.entryId(), SqlTime.of(b.issuedAt()), SqlTime.of(b.dueAt()),
            b.paidAt() == null ? null : SqlTime.of(b.paidAt()), b.paymentSource())
        .update() == 1;
  }

  Optional<StoredBill> find(String accountId, String month) {
    return jdbc.sql("SELECT * FROM bills WHERE account_id = ? AND month = ?")
        .params(accountId, month)
        .query(BillStore::map)
        .optional();
  }

  /** Up to {@code limit} bills of an account, newest month first, before {@code beforeMonth} if given. */
  List<StoredBill> list(String rootId, String accountId, String beforeMonth, int limit) {
    return jdbc.sql("""
            SELECT * FROM bills WHERE root_id = ? AND account_id = ? AND (?::text IS NULL OR month < ?::text)
             ORDER BY month DESC LIMIT ?""")
        .params(rootId, accountId, beforeMonth, beforeMonth, limit)
        .query(BillStore::map)
        .list();
  }

  void markPaid(String accountId, String month, Instant at, String source, String entryId, String reference) {
    int updated = jdbc.sql("""
            UPDATE bills SET status = 'paid', paid_at = ?, payment_source = ?, payment_entry_id = ?, payment_reference = ?
             WHERE account_id = ? AND month = ? AND status <> 'paid'""")
        .params(SqlTime.of(at), source, entryId, reference, accountId, month)
        .update();
    if (updated != 1) {
      throw new IllegalStateException("bill " + accountId + ":" + month + " was not open when paid");
    }
  }

  /** Accounts with open bills due at or before {@code now}. */
  List<String> accountsWithBillsPastDue(Instant now) {
    return jdbc.sql("SELECT DISTINCT account_id FROM bills WHERE status = 'open' AND due_at <= ? ORDER BY account_id")
        .params(SqlTime.of(now))
        .query(String.class)
        .list();
  }

  record OverdueBill(String rootId, String accountId, String month, String currency, long dueNanos, Instant dueAt) {}

  /** Marks the accounts' open bills past due overdue, and the accounts overdue since now (unless already). */
  List<OverdueBill> markOverdue(Collection<String> accountIds, Instant now) {
    String[] ids = accountIds.toArray(String[]::new);
    List<OverdueBill> marked = new ArrayList<>(jdbc.sql("""
            UPDATE bills SET status = 'overdue'
             WHERE status = 'open' AND due_at <= ? AND account_id = ANY(?::text[])
            RETURNING root_id, account_id, month, currency, due_nanos, due_at""")
        .params(SqlTime.of(now), ids)
        .query((rs, n) -> new OverdueBill(rs.getString("root_id"), rs.getString("account_id"), rs.getString("month"),
            rs.getString("currency"), rs.getLong("due_nanos"), SqlTime.read(rs, "due_at")))
        .list());
    jdbc.sql("UPDATE accounts SET overdue_since = ? WHERE id = ANY(?::text[]) AND overdue_since IS NULL")
        .params(SqlTime.of(now), marked.stream().map(OverdueBill::accountId).distinct().toArray(String[]::new))
        .update();
    return marked;
  }

  /** Clears the account's overdue mark once none of its bills is overdue. */
  void clearOverdueIfSettled(String accountId) {
    jdbc.sql("""
            UPDATE accounts SET overdue_since = NULL
             WHERE id = ? AND overdue_since IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM bills WHERE account_id = ? AND status = 'overdue')""")
        .params(accountId, accountId)
        .update();
  }

  /** The platform's bill settings (single row of {@code billing_settings}). */
  record Settings(int graceDays, PostpaidSettlement settlement) {}

  Settings settings() {
    return jdbc.sql("SELECT bill_grace_days, postpaid_settlement FROM billing_settings WHERE id = 1")
        .query((rs, n) -> new Settings(rs.getInt("bill_grace_days"),
            PostpaidSettlement.fromCode(rs.getString("postpaid_settlement")).orElseThrow()))
        .single();
  }

  private static StoredBill map(ResultSet rs, int row) throws SQLException {
    return new StoredBill(
        rs.getString("root_id"), rs.getString("account_id"), rs.getString("month"), rs.getString("currency"),
        rs.getString("timezone"), SqlTime.read(rs, "period_start"), SqlTime.read(rs, "period_end"),
        rs.getString("lines"), rs.getLong("accrued_nanos"), rs.getLong("total_nanos"),
        rs.getLong("total_rounded_nanos"), rs.getLong("deducted_nanos"), rs.getLong("due_nanos"),
        rs.getString("status"), rs.getString("entry_id"), SqlTime.read(rs, "issued_at"), SqlTime.read(rs, "due_at"),
        SqlTime.read(rs, "paid_at"), rs.getString("payment_source"), rs.getString("payment_entry_id"),
        rs.getString("payment_reference"));
  }
}
