package dev.tollgate.server.payments;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tollgate.core.money.Nanos;
import dev.tollgate.server.http.ApiException;
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
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Payments", description = "Top-up orders paid through Stripe or EPay, and the payment settings")
class PaymentController {
  /** The trail shown with an order: a provider retrying for days still fits in one answer. */
  static final int ORDER_EVENTS_SHOWN_MAX = 200;

  private final TopUps topUps;
  private final OrderStore orders;
  private final PaymentSettingsStore settings;
  private final PaymentSettingsCommands settingsCommands;

  PaymentController(
      TopUps topUps, OrderStore orders, PaymentSettingsStore settings, PaymentSettingsCommands settingsCommands) {
    this.topUps = topUps;
    this.orders = orders;
    this.settings = settings;
    this.settingsCommands = settingsCommands;
  }

  record TopUpBody(String amount, String currency, String provider, String idempotencyKey) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record TopUpView(String orderId, String status, String payUrl, String amount, String currency, String payAmount,
      String payCurrency, String usdCnyRate) {
    static TopUpView of(Order o) {
      return new TopUpView(o.id(), o.status(), o.payUrl(), Nanos.format(o.amountNanos()), o.currency(),
          Nanos.format(o.payAmountNanos(), 2), o.payCurrency(), o.usdCnyRate() == null ? null : o.usdCnyRate().toPlainString());
    }
  }

  @PostMapping("/v1/accounts/{id}/topups")
  @Operation(summary = "Create a top-up order (201 {orderId, status, payUrl}); amount and currency are what the customer"
      + " pays (EPay: CNY), the wallet receives it converted at the USD→CNY rate when currencies differ. Same"
      + " idempotencyKey and body → 200 with the same order; 409 provider_disabled, provider_not_configured,"
      + " idempotency_key_mismatch; 502 provider_unavailable")
  ResponseEntity<TopUpView> topUp(@PathVariable String id, @RequestBody TopUpBody body) {
    TopUps.Created created = topUps.create(id, body.amount(), body.currency(), body.provider(), body.idempotencyKey());
    return ResponseEntity.status(created.created() ? HttpStatus.CREATED : HttpStatus.OK).body(TopUpView.of(created.order()));
  }

  record PlanOrderBody(String planId, String provider, String idempotencyKey) {}

  @PostMapping("/v1/accounts/{id}/plan-orders")
  @Operation(summary = "Create a plan order (seed 003): pay the plan's price through Stripe or EPay; once the payment is"
      + " credited the subscription is bought from the wallet, once per order. 404 plan_not_found; otherwise as top-ups")
  ResponseEntity<TopUpView> planOrder(@PathVariable String id, @RequestBody PlanOrderBody body) {
    TopUps.Created created = topUps.createPlanOrder(id, body.planId(), body.provider(), body.idempotencyKey());
    return ResponseEntity.status(created.created() ? HttpStatus.CREATED : HttpStatus.OK).body(TopUpView.of(created.order()));
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record EventView(String kind, String providerEventId, String signature, String from, String to, String detail, Instant at) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record OrderView(String orderId, String accountId, String kind, String provider, String status, String amount,
      String currency, String payAmount, String payCurrency, String usdCnyRate, String payUrl, String providerReference,
      String entryId, Instant createdAt, Instant updatedAt, List<EventView> events) {}

  @GetMapping("/v1/payments/orders/{id}")
  @Operation(summary = "An order with its status (created, paid, credited, failed, refunded) and its audit trail")
  OrderView order(@PathVariable String id) {
    Order o = orders.find(id).orElseThrow(() -> ApiException.notFound("order_not_found", "no order with id '" + id + "'"));
    List<EventView> events = orders.events(o, ORDER_EVENTS_SHOWN_MAX).stream()
        .map(e -> new EventView(e.kind(), e.providerEventId(), e.signature(), e.fromStatus(), e.toStatus(), e.detail(), e.at()))
        .toList();
    return new OrderView(o.id(), o.accountId(), o.kind(), o.provider(), o.status(), Nanos.format(o.amountNanos()),
        o.currency(), Nanos.format(o.payAmountNanos(), 2), o.payCurrency(),
        o.usdCnyRate() == null ? null : o.usdCnyRate().toPlainString(), o.payUrl(), o.providerRef(), o.entryId(),
        o.createdAt(), o.updatedAt(), events);
  }

  record SettingsBody(
      Boolean stripeEnabled, Boolean epayEnabled, String stripeSecretKey, String stripeWebhookSecret,
      String epayGatewayUrl, String epayMerchantId, String epayKey, String publicBaseUrl, String usdCnyRate) {}

  /** Secrets appear as their last four characters behind an ellipsis; null when unset. */
  record SettingsView(
      boolean stripeEnabled, boolean epayEnabled, String stripeSecretKey, String stripeWebhookSecret,
      String epayGatewayUrl, String epayMerchantId, String epayKey, String publicBaseUrl, String usdCnyRate,
      List<String> secretsFromEnvironment, boolean secretsKeyConfigured) {}

  @GetMapping("/v1/payments/settings")
  @Operation(summary = "The payment settings; secrets show their last 4 characters only")
  SettingsView getSettings() {
    return view(settings.row());
  }

  @PutMapping("/v1/payments/settings")
  @Operation(summary = "Change payment settings (omitted fields stay; \"\" clears a secret or URL). Secrets are stored"
      + " encrypted with TOLLGATE_SECRETS_KEY: without it, 409 secrets_key_missing. 422 rate_invalid, url_invalid,"
      + " secret_invalid, merchant_id_invalid")
  SettingsView putSettings(@RequestBody SettingsBody b) {
    return view(settingsCommands.update(new PaymentSettingsCommands.Change(
        b.stripeEnabled(), b.epayEnabled(), b.stripeSecretKey(), b.stripeWebhookSecret(), b.epayGatewayUrl(),
        b.epayMerchantId(), b.epayKey(), b.publicBaseUrl(), b.usdCnyRate())));
  }

  private SettingsView view(PaymentSettingsStore.Row r) {
    return new SettingsView(r.stripeEnabled(), r.epayEnabled(), masked(r.stripeSecretKeyLast4()),
        masked(r.stripeWebhookSecretLast4()), r.epayGatewayUrl(), r.epayMerchantId(), masked(r.epayKeyLast4()),
        r.publicBaseUrl(), r.usdCnyRate().toPlainString(), settings.fromEnvironment(), settings.secretsKeyConfigured());
  }

  private static String masked(String last4) {
    return last4 == null ? null : "…" + last4;
  }
}
