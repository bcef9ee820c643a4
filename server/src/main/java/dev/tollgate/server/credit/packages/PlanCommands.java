package dev.tollgate.server.credit.packages;

import dev.tollgate.core.credit.packages.PlanInterval;
import java.time.InstantSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Plans and subscriptions as a thin layer over packages and purchases: a plan is an edition
 * package, a subscription is its purchase ({@link PurchaseCommands#buy}), renewal and upgrade are
 * the purchases' own, and cancelling turns automatic renewal off (the subscription runs to its end).
 */
@Service
public class PlanCommands {
  private final PlanStore plans;
  private final PackageStore packages;
  private final PurchaseCommands purchases;
  private final InstantSource clock;

  PlanCommands(PlanStore plans, PackageStore packages, PurchaseCommands purchases, InstantSource clock) {
    this.plans = plans;
    this.packages = packages;
    this.purchases = purchases;
    this.clock = clock;
  }

  /** Creates or replaces a plan; an id held by a package that is not a plan is refused. */
  @Transactional
  public Plan put(String id, PlanRequest.Body body) {
    Plan plan = PlanRequest.check(id, body);
    if (packages.find(id).isPresent() && plans.find(id).isEmpty()) {
      throw PlanRejection.PACKAGE_NOT_PLAN.exception("id");
    }
    return plans.upsert(plan, clock.instant());
  }

  Plan get(String id) {
    return plans.find(id).orElseThrow(() -> PlanRejection.PLAN_NOT_FOUND.exception(null));
  }

  /**
   * Subscribes: buys the plan's package (wallet pays, first period's credit at once) and, when
   * asked, flags it to renew itself. A lifetime plan does not renew.
   */
  @Transactional
  public PurchaseCommands.Done subscribe(String accountId, String planId, Boolean autoRenew, String key) {
    if (planId == null) {
      throw dev.tollgate.server.http.ApiException.missingField("planId");
    }
    Plan plan = plans.find(planId).orElseThrow(() -> PlanRejection.PLAN_NOT_FOUND.exception("planId"));
    boolean renews = Boolean.TRUE.equals(autoRenew);
    if (renews && plan.interval() == PlanInterval.LIFETIME) {
      throw PackageRejection.FIELD_NOT_APPLICABLE.exception("autoRenew");
    }
    var done = purchases.buy(accountId, PurchaseRequest.check("purchase", planId, "planId", 1, key));
    if (done.created() && renews) {
      return new PurchaseCommands.Done(purchases.setAutoRenew(accountId, done.purchase().id(), true), true);
    }
    return done;
  }

  /** What a plan costs, for a payment order of it. */
  public record PlanPrice(String planId, long priceNanos, String currency) {}

  public PlanPrice priceOf(String planId) {
    if (planId == null) {
      throw dev.tollgate.server.http.ApiException.missingField("planId");
    }
    Plan plan = plans.find(planId).orElseThrow(() -> PlanRejection.PLAN_NOT_FOUND.exception("planId"));
    return new PlanPrice(planId, plan.pkg().priceNanos(), plan.pkg().currency());
  }

  /** Cancels: no automatic renewal; the subscription (and its period credit) runs to its end. */
  @Transactional
  public Purchase cancel(String accountId, String purchaseId) {
    return purchases.setAutoRenew(accountId, purchaseId, false);
  }
}
