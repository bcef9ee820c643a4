package dev.tollgate.server.payments;

import dev.tollgate.core.ledger.JournalEntries;
import dev.tollgate.core.ledger.JournalEntry;
import dev.tollgate.core.ledger.LedgerAccount;
import dev.tollgate.core.ledger.Posting;
import dev.tollgate.core.money.Nanos;
import dev.tollgate.server.credit.CreditStore;
import dev.tollgate.server.credit.LockedCredit;
import dev.tollgate.server.ledger.Booking;
import dev.tollgate.server.ledger.JournalStore;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The order state machine, driven by verified provider events:
 *
 * <pre>
 * created ──PAID, amount matches──▶ paid ──(same transaction)──▶ credited ──REFUNDED──▶ refunded
 * created ──PAID, amount differs──▶ failed
 * created ──FAILED──▶ failed
 * created | paid | failed ──REFUNDED──▶ refunded   (nothing was credited, nothing is posted)
 * </pre>
 *
 * Each event is handled under the order's row lock, once: its provider id is claimed in {@code
 * provider_events} first, so a retry finds it and changes nothing but the audit trail. Credit is
 * posted only on the created → paid → credited path, which an order takes at most once, so
 * neither a retry nor a second kind of completion event (Stripe's async success after the
 * completion) nor a completion after a refund credits twice.
 */
@Service
class PaymentEvents {
  private static final Logger log = LoggerFactory.getLogger(PaymentEvents.class);

  private final OrderStore orders;
  private final CreditStore credit;
  private final JournalStore journal;
  private final InstantSource clock;

  PaymentEvents(OrderStore orders, CreditStore credit, JournalStore journal, InstantSource clock) {
    this.orders = orders;
    this.credit = credit;
    this.journal = journal;
    this.clock = clock;
  }

  /** What handling an event did. */
  enum Outcome {
    CREDITED, FAILED, REFUNDED, DUPLICATE, IGNORED, UNKNOWN_ORDER
  }

  @Transactional
  Outcome apply(ProviderEvent e) {
    Instant now = clock.instant();
    Order order = orders.lock(e.orderId()).filter(o -> o.provider().equals(e.provider())).orElse(null);
    if (order == null) {
      log.warn("{} event {} ({}) names no {} order '{}'; ignored", e.provider(), e.eventId(), e.type(), e.provider(), e.orderId());
      return Outcome.UNKNOWN_ORDER;
    }
    if (!orders.claimEvent(e.provider(), e.eventId(), order, e.type(), now)) {
      orders.audit(order, event("duplicate", e, null, null, "already handled; nothing changed", now));
      return Outcome.DUPLICATE;
    }
    String from = order.status();
    return switch (e.effect()) {
      case PAID -> paid(order, e, now);
      case FAILED -> {
        if (!from.equals(Order.CREATED)) {
          yield ignored(order, e, now);
        }
        orders.setStatus(order, Order.FAILED, null, now);
        orders.audit(order, event("transition", e, from, Order.FAILED, e.detail(), now));
        yield Outcome.FAILED;
      }
      case REFUNDED -> refunded(order, e, now);
      case NOTED -> {
        orders.audit(order, event("event", e, null, null, e.detail(), now));
        yield Outcome.IGNORED;
      }
    };
  }

  private Outcome paid(Order order, ProviderEvent e, Instant now) {
    if (!order.status().equals(Order.CREATED)) {
      return ignored(order, e, now);
    }
    if (e.paidNanos() != order.payAmountNanos() || !order.payCurrency().equals(e.paidCurrency())) {
      orders.setStatus(order, Order.FAILED, null, now);
      orders.audit(order, event("transition", e, Order.CREATED, Order.FAILED,
          "amount mismatch: paid " + Nanos.format(e.paidNanos()) + " " + e.paidCurrency() + ", order is "
              + Nanos.format(order.payAmountNanos()) + " " + order.payCurrency() + "; not credited", now));
      log.warn("order {} paid {} {} but asks {} {}; marked failed", order.id(), Nanos.format(e.paidNanos()),
          e.paidCurrency(), Nanos.format(order.payAmountNanos()), order.payCurrency());
      return Outcome.FAILED;
    }
    orders.audit(order, event("transition", e, Order.CREATED, Order.PAID, e.detail(), now));
    LockedCredit locked = credit.lockAndLoad(order.accountId(), now).orElseThrow();
    // One entry per order, its id derived from the order: a second credit would collide on it.
    JournalEntry entry = JournalEntries.topUp(
        "je_" + order.id(), now, order.id(), order.accountId(), locked.unit(), order.amountNanos(),
        LedgerAccount.payments(order.provider()));
    journal.append(List.of(new Booking(order.rootId(), order.accountId(), entry)), now);
    credit.addToWallets(Map.of(new CreditStore.WalletKey(order.rootId(), order.accountId()), order.amountNanos()), now);
    orders.setStatus(order, Order.CREDITED, entry.id(), now);
    orders.audit(order, event("transition", e, Order.PAID, Order.CREDITED,
        "credited " + Nanos.format(order.amountNanos()) + " " + order.currency() + " (" + entry.id() + ")", now));
    return Outcome.CREDITED;
  }

  private Outcome refunded(Order order, ProviderEvent e, Instant now) {
    String from = order.status();
    if (from.equals(Order.REFUNDED)) {
      return ignored(order, e, now);
    }
    String entryId = null;
    if (from.equals(Order.CREDITED)) {
      // Undo the top-up: the wallet gives the money back to the provider's account. If the
      // customer spent it meanwhile the wallet goes below zero: a debt, which blocks calls until
      // paid, exactly like served usage nothing covered.
      LockedCredit locked = credit.lockAndLoad(order.accountId(), now).orElseThrow();
      JournalEntry entry = JournalEntries.correction("je_" + order.id() + "_refund", now, order.entryId(), List.of(
          new Posting(LedgerAccount.wallet(order.accountId()), locked.unit(), -order.amountNanos()),
          new Posting(LedgerAccount.payments(order.provider()), locked.unit(), order.amountNanos())));
      journal.append(List.of(new Booking(order.rootId(), order.accountId(), entry)), now);
      credit.addToWallets(Map.of(new CreditStore.WalletKey(order.rootId(), order.accountId()), -order.amountNanos()), now);
      entryId = entry.id();
    }
    orders.setStatus(order, Order.REFUNDED, null, now);
    orders.audit(order, event("transition", e, from, Order.REFUNDED,
        entryId == null ? "refunded before any credit; nothing posted" : "credit reversed (" + entryId + ")", now));
    return Outcome.REFUNDED;
  }

  private Outcome ignored(Order order, ProviderEvent e, Instant now) {
    orders.audit(order, event("event", e, null, null,
        e.type() + " ignored: the order is " + order.status(), now));
    return Outcome.IGNORED;
  }

  private static OrderStore.Event event(String kind, ProviderEvent e, String from, String to, String detail, Instant at) {
    return new OrderStore.Event(kind, e.eventId(), "verified", from, to, detail, at);
  }
}
