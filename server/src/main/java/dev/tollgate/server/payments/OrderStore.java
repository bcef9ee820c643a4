package dev.tollgate.server.payments;

import dev.tollgate.server.store.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for orders, their audit trail and the provider events already handled. Callers own the transaction. */
@Repository
class OrderStore {
  private final JdbcClient jdbc;

  OrderStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Writes an order; {@code planId} names the plan of a plan order, else null. */
  void insert(Order o, String planId) {
    jdbc.sql("""
            INSERT INTO payment_orders (root_id, id, account_id, kind, provider, status, amount_nanos, currency,
                                        pay_amount_nanos, pay_currency, usd_cny_rate, provider_ref, pay_url,
                                        idempotency_key, request_digest, entry_id, created_at, updated_at, plan_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(o.rootId(), o.id(), o.accountId(), o.kind(), o.provider(), o.status(), o.amountNanos(), o.currency(),
            o.payAmountNanos(), o.payCurrency(), o.usdCnyRate(), o.providerRef(), o.payUrl(), o.idempotencyKey(),
            o.requestDigest(), o.entryId(), SqlTime.of(o.createdAt()), SqlTime.of(o.updatedAt()), planId)
        .update();
  }

  Optional<Order> find(String id) {
    return jdbc.sql("SELECT * FROM payment_orders WHERE id = ?").param(id).query(OrderStore::map).optional();
  }

  /** The order, its row locked until the transaction ends: every event of one order queues here. */
  Optional<Order> lock(String id) {
    return jdbc.sql("SELECT * FROM payment_orders WHERE id = ? FOR UPDATE").param(id).query(OrderStore::map).optional();
  }

  Optional<Order> findByKey(String rootId, String accountId, String idempotencyKey) {
    return jdbc.sql("SELECT * FROM payment_orders WHERE root_id = ? AND account_id = ? AND idempotency_key = ?")
        .params(rootId, accountId, idempotencyKey)
        .query(OrderStore::map)
        .optional();
  }

  void setStatus(Order o, String status, String entryId, Instant now) {
    jdbc.sql("UPDATE payment_orders SET status = ?, entry_id = coalesce(?, entry_id), updated_at = ? WHERE root_id = ? AND id = ?")
        .params(status, entryId, SqlTime.of(now), o.rootId(), o.id())
        .update();
  }

  void setCheckout(Order o, String providerRef, String payUrl, Instant now) {
    jdbc.sql("UPDATE payment_orders SET provider_ref = ?, pay_url = ?, updated_at = ? WHERE root_id = ? AND id = ?")
        .params(providerRef, payUrl, SqlTime.of(now), o.rootId(), o.id())
        .update();
  }

  /** Whether this provider event is new; false when it was handled before (a retry). */
  boolean claimEvent(String provider, String eventId, Order o, String type, Instant now) {
    return jdbc.sql("""
            INSERT INTO provider_events (provider, event_id, root_id, order_id, type, received_at)
            VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
        .params(provider, eventId, o.rootId(), o.id(), type, SqlTime.of(now))
        .update() == 1;
  }

  record Event(
      String kind, String providerEventId, String signature, String fromStatus, String toStatus, String detail,
      Instant at) {}

  void audit(Order o, Event e) {
    jdbc.sql("""
            INSERT INTO order_events (root_id, order_id, kind, provider_event_id, signature, from_status, to_status, detail, at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(o.rootId(), o.id(), e.kind(), e.providerEventId(), e.signature(), e.fromStatus(), e.toStatus(),
            e.detail() == null ? "" : e.detail(), SqlTime.of(e.at()))
        .update();
  }

  /** An order's trail, oldest first; bounded because a provider may retry an event many times. */
  List<Event> events(Order o, int limit) {
    return jdbc.sql("SELECT * FROM order_events WHERE root_id = ? AND order_id = ? ORDER BY seq LIMIT ?")
        .params(o.rootId(), o.id(), limit)
        .query((rs, n) -> new Event(
            rs.getString("kind"), rs.getString("provider_event_id"), rs.getString("signature"),
            rs.getString("from_status"), rs.getString("to_status"), rs.getString("detail"), SqlTime.read(rs, "at")))
        .list();
  }

  java.util.Optional<String> planOf(String orderId) {
    return jdbc.sql("SELECT plan_id FROM payment_orders WHERE id = ? AND plan_id IS NOT NULL")
        .params(orderId).query(String.class).optional();
  }

  private static Order map(ResultSet rs, int row) throws SQLException {
    java.math.BigDecimal rate = rs.getBigDecimal("usd_cny_rate");
    return new Order(
        rs.getString("root_id"), rs.getString("id"), rs.getString("account_id"), rs.getString("kind"),
        rs.getString("provider"), rs.getString("status"), rs.getLong("amount_nanos"), rs.getString("currency"),
        rs.getLong("pay_amount_nanos"), rs.getString("pay_currency"), rate == null ? null : rate.stripTrailingZeros(),
        rs.getString("provider_ref"), rs.getString("pay_url"), rs.getString("idempotency_key"),
        rs.getString("request_digest"), rs.getString("entry_id"), SqlTime.read(rs, "created_at"),
        SqlTime.read(rs, "updated_at"));
  }
}
