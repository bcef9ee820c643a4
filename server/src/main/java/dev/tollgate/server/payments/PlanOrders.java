package dev.tollgate.server.payments;

import dev.tollgate.server.credit.packages.PlanCommands;
import dev.tollgate.server.http.ApiException;
import java.time.InstantSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Completes a plan order after its payment was credited: buys the plan from the wallet under the
 * key {@code order:{orderId}}. It runs after the crediting transaction committed, on every delivery
 * of the provider's event, so a crash in between is repaired by the provider's retry, and the key
 * makes repeated deliveries subscribe once. If the subscription is refused (the plan was withdrawn,
 * its price changed), the money stays in the wallet and the refusal is in the order's audit trail.
 */
@Component
class PlanOrders {
  private static final Logger log = LoggerFactory.getLogger(PlanOrders.class);

  private final OrderStore orders;
  private final PlanCommands plans;
  private final InstantSource clock;

  PlanOrders(OrderStore orders, PlanCommands plans, InstantSource clock) {
    this.orders = orders;
    this.plans = plans;
    this.clock = clock;
  }

  void completeIfPlan(String orderId) {
    Order order = orders.find(orderId).orElse(null);
    if (order == null || !order.kind().equals("plan") || !order.status().equals(Order.CREDITED)) {
      return;
    }
    String planId = orders.planOf(orderId).orElseThrow();
    try {
      var done = plans.subscribe(order.accountId(), planId, false, "order:" + orderId);
      if (done.created()) {
        orders.audit(order, new OrderStore.Event("subscribed", null, null, null, null,
            "subscribed to plan " + planId + " (purchase " + done.purchase().id() + ")", clock.instant()));
      }
    } catch (ApiException refused) {
      log.warn("plan order {} was paid but plan {} could not be bought: {}", orderId, planId, refused.code());
      orders.audit(order, new OrderStore.Event("subscription_refused", null, null, null, null,
          refused.code() + ": " + refused.getMessage() + "; the amount stays in the wallet", clock.instant()));
    }
  }
}
