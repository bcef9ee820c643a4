package dev.tollgate.server.credit.packages;

import dev.tollgate.core.credit.packages.Edition;
import dev.tollgate.core.credit.packages.PackageKind;
import dev.tollgate.server.store.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for purchases and what they hold (editions, concurrency packages). Callers own the
 * transaction and hold the buying account's row lock while they write.
 */
@Repository
class PurchaseStore {
  private final JdbcClient jdbc;

  PurchaseStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(Purchase p) {
    jdbc.sql("""
            INSERT INTO purchases (root_id, id, account_id, package_id, kind, purpose, renews_id, quantity,
                                   amount_nanos, currency, refundable_days, grant_ids, idempotency_key,
                                   request_digest, purchased_at, expires_at, status, refunded_at, auto_renew)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::text[], ?, ?, ?, ?, ?, ?, ?)""")
        .params(p.rootId(), p.id(), p.accountId(), p.packageId(), p.kind().code(), p.purpose(), p.renewsId(),
            p.quantity(), p.amountNanos(), p.currency(), p.refundableDays(), p.grantIds().toArray(String[]::new),
            p.idempotencyKey(), p.requestDigest(), SqlTime.of(p.purchasedAt()), SqlTime.of(p.expiresAt()), p.status(),
            SqlTime.of(p.refundedAt()), p.autoRenew())
        .update();
  }

  Optional<Purchase> findByKey(String rootId, String accountId, String key) {
    return jdbc.sql("SELECT * FROM purchases WHERE root_id = ? AND account_id = ? AND idempotency_key = ?")
        .params(rootId, accountId, key)
        .query(PurchaseStore::map)
        .optional();
  }

  /** A purchase by id alone (refunds name only the purchase); ids are random, so unique. */
  Optional<Purchase> find(String id) {
    return jdbc.sql("SELECT * FROM purchases WHERE id = ?").params(id).query(PurchaseStore::map).optional();
  }

  /** The account's active purchases of a kind that have not expired at {@code now}, oldest first. */
  List<Purchase> live(String rootId, String accountId, PackageKind kind, Instant now, int limit) {
    return jdbc.sql("""
            SELECT * FROM purchases WHERE root_id = ? AND account_id = ? AND kind = ? AND status = 'active'
               AND purpose = 'purchase' AND expires_at > ? ORDER BY purchased_at, id LIMIT ?""")
        .params(rootId, accountId, kind.code(), SqlTime.of(now), limit)
        .query(PurchaseStore::map)
        .list();
  }

  void markRefunded(String rootId, String id, Instant at) {
    jdbc.sql("UPDATE purchases SET status = 'refunded', refunded_at = ? WHERE root_id = ? AND id = ?")
        .params(SqlTime.of(at), rootId, id)
        .update();
  }

  void setAutoRenew(String rootId, String id, boolean autoRenew) {
    jdbc.sql("UPDATE purchases SET auto_renew = ? WHERE root_id = ? AND id = ?").params(autoRenew, rootId, id).update();
  }

  /** Moves a purchase's expiry and that of the edition or concurrency package it holds. */
  void extend(String rootId, String purchaseId, Instant expiresAt) {
    jdbc.sql("UPDATE purchases SET expires_at = ? WHERE root_id = ? AND id = ?")
        .params(SqlTime.of(expiresAt), rootId, purchaseId).update();
    jdbc.sql("UPDATE editions SET expires_at = ? WHERE root_id = ? AND purchase_id = ? AND voided_at IS NULL")
        .params(SqlTime.of(expiresAt), rootId, purchaseId).update();
    jdbc.sql("UPDATE concurrency_packages SET expires_at = ? WHERE root_id = ? AND purchase_id = ? AND voided_at IS NULL")
        .params(SqlTime.of(expiresAt), rootId, purchaseId).update();
  }

  /** Voids what a refunded purchase held: its grants (nothing left), edition, concurrency. */
  void voidHoldings(String rootId, Purchase p, Instant at) {
    jdbc.sql("""
            UPDATE grants SET voided_at = ?, remaining = 0
             WHERE root_id = ? AND id = ANY(?::text[]) AND voided_at IS NULL""")
        .params(SqlTime.of(at), rootId, p.grantIds().toArray(String[]::new)).update();
    jdbc.sql("UPDATE editions SET voided_at = ? WHERE root_id = ? AND purchase_id = ? AND voided_at IS NULL")
        .params(SqlTime.of(at), rootId, p.id()).update();
    jdbc.sql("UPDATE concurrency_packages SET voided_at = ? WHERE root_id = ? AND purchase_id = ? AND voided_at IS NULL")
        .params(SqlTime.of(at), rootId, p.id()).update();
  }

  /** Marks an allowance grant as its edition's (core EditionPrecedence reads the rank). */
  void rankGrant(String rootId, String grantId, int rank) {
    jdbc.sql("UPDATE grants SET edition_rank = ? WHERE root_id = ? AND id = ?").params(rank, rootId, grantId).update();
  }

  record EditionRow(String id, String packageId, String purchaseId, Edition edition) {}

  /** A new edition whose period 0 allowance is issued with it; the next starts at {@code nextAllowanceAt}. */
  void insertEdition(String rootId, String accountId, EditionRow e, long monthlyAllowance, Instant nextAllowanceAt) {
    jdbc.sql("""
            INSERT INTO editions (root_id, id, account_id, package_id, purchase_id, rank, effective_at, expires_at,
                                  monthly_allowance, allowances_issued, next_allowance_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)""")
        .params(rootId, e.id(), accountId, e.packageId(), e.purchaseId(), e.edition().rank(),
            SqlTime.of(e.edition().effectiveAt()), SqlTime.of(e.edition().expiresAt()), monthlyAllowance,
            SqlTime.of(nextAllowanceAt))
        .update();
  }

  /** An edition as the period-allowances job reads it. */
  record AllowanceState(
      String rootId, String id, String accountId, String packageId, String purchaseId, int rank, Instant effectiveAt,
      Instant expiresAt, long monthlyAllowance, int allowancesIssued, Instant nextAllowanceAt) {}

  /** Editions whose next allowance period may have started at {@code now}, at most {@code limit}. */
  List<AllowanceState> allowanceDue(Instant now, int limit) {
    return jdbc.sql("""
            SELECT * FROM editions WHERE voided_at IS NULL AND next_allowance_at <= ? AND next_allowance_at < expires_at
             ORDER BY next_allowance_at, root_id, id LIMIT ?""")
        .params(SqlTime.of(now), limit)
        .query((rs, row) -> allowanceState(rs))
        .list();
  }

  /** The edition, read after its account's row was locked (so it is current). */
  Optional<AllowanceState> allowanceState(String rootId, String id) {
    return jdbc.sql("SELECT * FROM editions WHERE root_id = ? AND id = ? AND voided_at IS NULL")
        .params(rootId, id)
        .query((rs, row) -> allowanceState(rs))
        .optional();
  }

  void allowancesIssued(String rootId, String id, int issued, Instant nextAllowanceAt) {
    jdbc.sql("UPDATE editions SET allowances_issued = ?, next_allowance_at = ? WHERE root_id = ? AND id = ?")
        .params(issued, SqlTime.of(nextAllowanceAt), rootId, id)
        .update();
  }

  /**
   * After a renewal: the allowance of the current period was cut at the edition's old end; it now
   * runs to the next period's start or the new end, whichever is sooner, so a renewed edition has
   * no hole between the old end and the next period (Jan 31 + P1M + P1M is Mar 28, period 2 starts
   * Mar 31).
   */
  void stretchAllowance(String rootId, String purchaseId, Instant oldEnd, Instant newEnd) {
    jdbc.sql("""
            UPDATE grants g SET expires_at = LEAST(e.next_allowance_at, ?)
              FROM editions e
             WHERE e.root_id = ? AND e.purchase_id = ? AND e.voided_at IS NULL
               AND g.root_id = e.root_id AND g.source_kind = 'purchase' AND g.source_id = e.purchase_id
               AND g.class = 'edition' AND g.voided_at IS NULL AND g.expires_at = ?""")
        .params(SqlTime.of(newEnd), rootId, purchaseId, SqlTime.of(oldEnd))
        .update();
  }

  private static AllowanceState allowanceState(ResultSet rs) throws SQLException {
    return new AllowanceState(rs.getString("root_id"), rs.getString("id"), rs.getString("account_id"),
        rs.getString("package_id"), rs.getString("purchase_id"), rs.getInt("rank"), SqlTime.read(rs, "effective_at"),
        SqlTime.read(rs, "expires_at"), rs.getLong("monthly_allowance"), rs.getInt("allowances_issued"),
        SqlTime.read(rs, "next_allowance_at"));
  }

  /** Purchases flagged to renew themselves that expire in {@code (now, before]}, not tried yet for that expiry. */
  List<Purchase> autoRenewDue(Instant now, Instant before, int limit) {
    return jdbc.sql("""
            SELECT p.* FROM purchases p
             WHERE p.auto_renew AND p.status = 'active' AND p.expires_at > ? AND p.expires_at <= ?
               AND NOT EXISTS (SELECT 1 FROM auto_renewal_failures f
                                WHERE f.root_id = p.root_id AND f.purchase_id = p.id AND f.expires_at = p.expires_at)
             ORDER BY p.expires_at, p.root_id, p.id LIMIT ?""")
        .params(SqlTime.of(now), SqlTime.of(before), limit)
        .query(PurchaseStore::map)
        .list();
  }

  /** Records that the automatic renewal for this expiry failed; false when it was recorded before. */
  boolean autoRenewFailed(Purchase p, String code, Instant at) {
    return jdbc.sql("""
            INSERT INTO auto_renewal_failures (root_id, purchase_id, expires_at, account_id, code, failed_at)
            VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
        .params(p.rootId(), p.id(), SqlTime.of(p.expiresAt()), p.accountId(), code, SqlTime.of(at))
        .update() == 1;
  }

  /** The account's editions that are not voided, oldest first. */
  List<EditionRow> editions(String rootId, String accountId) {
    return jdbc.sql("""
            SELECT * FROM editions WHERE root_id = ? AND account_id = ? AND voided_at IS NULL
             ORDER BY effective_at, id""")
        .params(rootId, accountId)
        .query((rs, row) -> new EditionRow(rs.getString("id"), rs.getString("package_id"), rs.getString("purchase_id"),
            new Edition(rs.getString("id"), rs.getInt("rank"), SqlTime.read(rs, "effective_at"),
                SqlTime.read(rs, "expires_at"))))
        .list();
  }

  record ConcurrencyRow(
      String id, String accountId, String packageId, String purchaseId, List<String> meters, int slots,
      boolean exclusive, Instant effectiveAt, Instant expiresAt) {}

  void insertConcurrency(String rootId, ConcurrencyRow c) {
    jdbc.sql("""
            INSERT INTO concurrency_packages (root_id, id, account_id, package_id, purchase_id, meters, slots,
                                              exclusive, effective_at, expires_at)
            VALUES (?, ?, ?, ?, ?, ?::text[], ?, ?, ?, ?)""")
        .params(rootId, c.id(), c.accountId(), c.packageId(), c.purchaseId(), c.meters().toArray(String[]::new),
            c.slots(), c.exclusive(), SqlTime.of(c.effectiveAt()), SqlTime.of(c.expiresAt()))
        .update();
  }

  /** The family's concurrency packages that are not voided, newest first, at most {@code limit}. */
  List<ConcurrencyRow> concurrency(String rootId, int limit) {
    return jdbc.sql("""
            SELECT * FROM concurrency_packages WHERE root_id = ? AND voided_at IS NULL
             ORDER BY effective_at DESC, id LIMIT ?""")
        .params(rootId, limit)
        .query((rs, row) -> new ConcurrencyRow(rs.getString("id"), rs.getString("account_id"),
            rs.getString("package_id"), rs.getString("purchase_id"),
            List.of((String[]) rs.getArray("meters").getArray()), rs.getInt("slots"), rs.getBoolean("exclusive"),
            SqlTime.read(rs, "effective_at"), SqlTime.read(rs, "expires_at")))
        .list();
  }

  private static Purchase map(ResultSet rs, int row) throws SQLException {
    return new Purchase(
        rs.getString("root_id"), rs.getString("id"), rs.getString("account_id"), rs.getString("package_id"),
        PackageKind.fromCode(rs.getString("kind")).orElseThrow(), rs.getString("purpose"), rs.getString("renews_id"),
        rs.getInt("quantity"), rs.getLong("amount_nanos"), rs.getString("currency"), rs.getInt("refundable_days"),
        List.of((String[]) rs.getArray("grant_ids").getArray()), rs.getString("idempotency_key"),
        rs.getString("request_digest"), SqlTime.read(rs, "purchased_at"), SqlTime.read(rs, "expires_at"),
        rs.getString("status"), SqlTime.read(rs, "refunded_at"), rs.getBoolean("auto_renew"));
  }
}
