package dev.tollgate.server.credit.packages;

import dev.tollgate.core.money.Nanos;
import dev.tollgate.server.http.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Plans", description = "Seed 003's subscription plans: edition packages with an interval and period credit")
class PlanController {
  private final PlanCommands commands;
  private final PlanStore plans;
  private final PurchaseViews views;

  PlanController(PlanCommands commands, PlanStore plans, PurchaseViews views) {
    this.commands = commands;
    this.plans = plans;
    this.views = views;
  }

  record PlanView(
      String id, String name, String description, String price, String currency, String interval, String periodCredit,
      String discount, int rank, List<String> meters, int refundableDays, boolean active, String packageId,
      Instant createdAt, Instant updatedAt) {
    static PlanView of(Plan p) {
      CatalogPackage pkg = p.pkg();
      return new PlanView(pkg.id(), pkg.name(), p.description(), Nanos.format(pkg.priceNanos()), pkg.currency(),
          p.interval().code(), Nanos.format(pkg.monthlyAllowance()), p.discount().toPlainString(), pkg.rank(),
          pkg.meters(), pkg.refundableDays(), pkg.active(), pkg.id(), p.createdAt(), p.updatedAt());
    }
  }

  @PutMapping("/v1/plans/{id}")
  @Operation(summary = "Create or replace a plan (200): an edition package with interval monthly|yearly|lifetime,"
      + " periodCredit issued per month, a discount multiplier and a rank. 422 interval_invalid, description_invalid,"
      + " discount_invalid and the package codes; 409 package_not_plan")
  PlanView put(@PathVariable String id, @RequestBody PlanRequest.Body body) {
    return PlanView.of(commands.put(id, body));
  }

  @GetMapping("/v1/plans/{id}")
  @Operation(summary = "One plan (404 plan_not_found)")
  PlanView get(@PathVariable String id) {
    return PlanView.of(commands.get(id));
  }

  @GetMapping("/v1/plans")
  @Operation(summary = "The plans, by id")
  Page<PlanView> list(@RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
    int size = Page.size(limit);
    List<String> ids = plans.ids(Page.decodeCursor(cursor), size + 1);
    Page<String> page = Page.of(ids, size, id -> id);
    return new Page<>(page.items().stream().map(id -> PlanView.of(commands.get(id))).toList(), page.nextCursor());
  }

  record SubscribeBody(String planId, Boolean autoRenew, String idempotencyKey) {}

  @PostMapping("/v1/accounts/{id}/subscriptions")
  @Operation(summary = "Subscribe to a plan: buys its edition package from the wallet (201, the purchase); same key"
      + " → 200. Overlapping subscriptions: the highest rank takes effect. Upgrade with editions:upgrade, renew with"
      + " purchases/{id}/renew. 404 plan_not_found; 402 insufficient_credit; 422 field_not_applicable (autoRenew of a"
      + " lifetime plan)")
  ResponseEntity<PurchaseView> subscribe(@PathVariable String id, @RequestBody SubscribeBody body) {
    var done = commands.subscribe(id, body.planId(), body.autoRenew(), body.idempotencyKey());
    return ResponseEntity.status(done.created() ? HttpStatus.CREATED : HttpStatus.OK).body(views.of(done.purchase()));
  }

  @PostMapping("/v1/accounts/{id}/subscriptions/{purchaseId}/cancel")
  @Operation(summary = "Cancel a subscription (200): it no longer renews and runs to its end with its period credit")
  PurchaseView cancel(@PathVariable String id, @PathVariable String purchaseId) {
    return views.of(commands.cancel(id, purchaseId));
  }
}
