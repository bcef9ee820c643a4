package dev.tollgate.server.payments;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import dev.tollgate.core.money.AmountFormatException;
import dev.tollgate.core.money.Nanos;
import dev.tollgate.server.config.TollgateProperties;
import dev.tollgate.server.http.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The providers' notifications. These paths carry no bearer token (AdminTokenFilter exempts them):
 * each request is authenticated by its signature, and nothing is read from the database or
 * written before the signature checked out. A bad or stale signature is 400 {@code
 * invalid_signature} and changes nothing; it is logged, not stored, so unauthenticated traffic
 * cannot fill the audit tables.
 */
@RestController
@Tag(name = "Payment webhooks", description = "Signed notifications from Stripe and EPay (no bearer token)")
class WebhookController {
  private static final Logger log = LoggerFactory.getLogger(WebhookController.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final PaymentSettingsStore settings;
  private final PaymentEvents events;
  private final PlanOrders planOrders;
  private final InstantSource clock;
  private final long toleranceSeconds;

  WebhookController(PaymentSettingsStore settings, PaymentEvents events, PlanOrders planOrders, InstantSource clock,
      TollgateProperties properties) {
    this.planOrders = planOrders;
    this.settings = settings;
    this.events = events;
    this.clock = clock;
    this.toleranceSeconds = properties.payments().stripeToleranceSeconds();
  }

  record Received(boolean received, String outcome) {}

  @PostMapping(value = "/v1/payments/stripe/webhook", consumes = MediaType.ALL_VALUE)
  @Operation(summary = "Stripe's signed events (Stripe-Signature, checked with TOLLGATE_STRIPE_WEBHOOK_SECRET or the stored"
      + " secret, tolerance TOLLGATE_STRIPE_TOLERANCE_SECONDS). checkout.session.completed with metadata.orderId credits"
      + " the order once → 200; bad or stale signature → 400 invalid_signature; other event types → 200, ignored")
  ResponseEntity<Received> stripe(
      @RequestBody(required = false) String payload,
      @RequestHeader(value = "Stripe-Signature", required = false) String signature) {
    String secret = settings.current().stripeWebhookSecret();
    if (secret == null) {
      throw ApiException.conflict("provider_not_configured", "no Stripe webhook secret is configured");
    }
    if (payload == null || signature == null) {
      throw invalidSignature("stripe", "a Stripe-Signature header and a body are required");
    }
    Event event;
    try {
      // Our clock, not the JVM's: the tolerance is checked against the time every rule uses.
      event = Webhook.constructEvent(payload, signature, secret, toleranceSeconds, clock.withZone(ZoneOffset.UTC));
    } catch (SignatureVerificationException e) {
      throw invalidSignature("stripe", e.getMessage());
    } catch (RuntimeException e) {
      // Signed by the holder of the secret, but not an event: nothing to do with it.
      throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_payload", "the signed payload is not a Stripe event");
    }
    JsonNode object;
    try {
      object = JSON.readTree(payload).path("data").path("object");
    } catch (JacksonException e) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_payload", "the signed payload is not a Stripe event");
    }
    ProviderEvent reduced = stripeEvent(event.getId(), event.getType(), object);
    if (reduced == null) {
      log.info("Stripe event {} of type {} is not one Tollgate handles; ignored", event.getId(), event.getType());
      return ResponseEntity.ok(new Received(true, "ignored"));
    }
    PaymentEvents.Outcome outcome = events.apply(reduced);
    planOrders.completeIfPlan(reduced.orderId());
    return ResponseEntity.ok(new Received(true, outcome.name().toLowerCase(Locale.ROOT)));
  }

  /** The effect of a Stripe event on an order, or null for a type (or object) we do not handle. */
  static ProviderEvent stripeEvent(String id, String type, JsonNode object) {
    String orderId = object.path("metadata").path("orderId").asString(null);
    if (orderId == null || orderId.isEmpty()) {
      return null;
    }
    return switch (type) {
      case "checkout.session.completed", "checkout.session.async_payment_succeeded" -> {
        String paymentStatus = object.path("payment_status").asString("");
        if (!paymentStatus.equals("paid")) {
          yield new ProviderEvent("stripe", id, type, orderId, ProviderEvent.Effect.NOTED, 0, null,
              "checkout completed with payment_status " + paymentStatus + "; awaiting payment");
        }
        long minor = object.path("amount_total").asLong(-1);
        String currency = object.path("currency").asString("").toUpperCase(Locale.ROOT);
        long paid = minor < 0 ? -1 : TopUpRequest.fromMinorUnits(minor);
        yield new ProviderEvent("stripe", id, type, orderId, ProviderEvent.Effect.PAID, paid, currency,
            "paid " + (minor < 0 ? "?" : Nanos.format(paid, 2)) + " " + currency + " (session " + object.path("id").asString("?") + ")");
      }
      case "checkout.session.expired", "checkout.session.async_payment_failed" ->
          new ProviderEvent("stripe", id, type, orderId, ProviderEvent.Effect.FAILED, 0, null, type);
      case "charge.refunded" -> object.path("refunded").asBoolean(false)
          ? new ProviderEvent("stripe", id, type, orderId, ProviderEvent.Effect.REFUNDED, 0, null, "refunded in full")
          : new ProviderEvent("stripe", id, type, orderId, ProviderEvent.Effect.NOTED, 0, null,
              "partial refund of " + object.path("amount_refunded").asLong(0) + " minor units; not handled");
      default -> null;
    };
  }

  @RequestMapping(value = "/v1/payments/epay/notify", method = {RequestMethod.POST, RequestMethod.GET})
  @Operation(summary = "EPay's notification (form-encoded or query, MD5-signed with TOLLGATE_EPAY_KEY or the stored key):"
      + " out_trade_no = orderId, trade_status=TRADE_SUCCESS credits once → \"success\" as plain text; bad signature → 400")
  ResponseEntity<String> epay(HttpServletRequest request) {
    PaymentSettings s = settings.current();
    if (s.epayKey() == null) {
      throw ApiException.conflict("provider_not_configured", "no EPay key is configured");
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (Map.Entry<String, String[]> p : request.getParameterMap().entrySet()) {
      if (p.getValue().length != 1) {
        throw invalidSignature("epay", "parameter " + p.getKey() + " appears more than once");
      }
      params.put(p.getKey(), p.getValue()[0]);
    }
    if (!EpaySignature.verify(params, s.epayKey())) {
      throw invalidSignature("epay", "the MD5 sign does not match");
    }
    if (s.epayMerchantId() != null && params.containsKey("pid") && !s.epayMerchantId().equals(params.get("pid"))) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "merchant_mismatch", "the notification is for another merchant");
    }
    String orderId = params.get("out_trade_no");
    if (orderId == null || orderId.isEmpty()) {
      throw ApiException.missingField("out_trade_no");
    }
    String status = params.getOrDefault("trade_status", "");
    String tradeNo = params.get("trade_no");
    // EPay's trade number identifies the payment; without one, the order and status do.
    String eventId = tradeNo != null && !tradeNo.isEmpty() ? tradeNo + ":" + status : orderId + ":" + status;
    ProviderEvent event;
    if (status.equals("TRADE_SUCCESS")) {
      long paid;
      try {
        paid = Nanos.parse(params.getOrDefault("money", ""));
      } catch (AmountFormatException e) {
        paid = -1;
      }
      event = new ProviderEvent("epay", eventId, "TRADE_SUCCESS", orderId, ProviderEvent.Effect.PAID, paid, "CNY",
          "paid " + params.getOrDefault("money", "?") + " CNY via " + params.getOrDefault("type", "?")
              + " (trade " + (tradeNo == null ? "?" : tradeNo) + ")");
    } else {
      event = new ProviderEvent("epay", eventId, status, orderId, ProviderEvent.Effect.NOTED, 0, null,
          "trade_status " + status + "; nothing to do");
    }
    PaymentEvents.Outcome outcome = events.apply(event);
    if (outcome == PaymentEvents.Outcome.UNKNOWN_ORDER) {
      throw ApiException.notFound("order_not_found", "no EPay order with id '" + orderId + "'");
    }
    planOrders.completeIfPlan(orderId);
    // EPay retries until it reads exactly "success".
    return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body("success");
  }

  private static ApiException invalidSignature(String provider, String why) {
    log.warn("{} notification refused: {}", provider, why);
    return new ApiException(HttpStatus.BAD_REQUEST, "invalid_signature", "the " + provider + " signature is not valid");
  }
}
