package dev.tollgate.server.payments;

import com.stripe.param.checkout.SessionCreateParams;
import dev.tollgate.core.money.Nanos;
import dev.tollgate.server.accounts.Account;
import dev.tollgate.server.accounts.AccountCommands;
import dev.tollgate.server.accounts.AccountStore;
import dev.tollgate.server.credit.packages.PlanCommands;
import dev.tollgate.server.http.ApiException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates top-up orders. The order is written (status {@code created}) and committed before Stripe
 * is called, so no database transaction waits on the network and a crash in between leaves an
 * order that simply never gets paid. The Checkout session's id and URL are stored after; if Stripe
 * fails, the order is marked {@code failed} and the request answers 502 {@code provider_unavailable}.
 * An EPay order's URL is computed locally (a signed redirect to the gateway).
 */
@Service
class TopUps {
  private static final Logger log = LoggerFactory.getLogger(TopUps.class);

  private final AccountStore accounts;
  private final OrderStore orders;
  private final PaymentSettingsStore settings;
  private final StripeCheckout stripe;
  private final TransactionTemplate tx;
  private final InstantSource clock;
  private final PlanCommands plans;

  TopUps(
      AccountStore accounts, OrderStore orders, PaymentSettingsStore settings, StripeCheckout stripe,
      PlanCommands plans, TransactionTemplate tx, InstantSource clock) {
    this.plans = plans;
    this.accounts = accounts;
    this.orders = orders;
    this.settings = settings;
    this.stripe = stripe;
    this.tx = tx;
    this.clock = clock;
  }

  record Created(Order order, boolean created) {}

  Created create(String accountId, String amount, String currency, String provider, String idempotencyKey) {
    return create(accountId, amount, currency, provider, idempotencyKey, null);
  }

  /**
   * An order of a plan's price (seed 003's plan orders). Once the provider's payment is credited
   * the subscription is bought from the wallet (see {@link PlanOrders}).
   */
  Created createPlanOrder(String accountId, String planId, String provider, String idempotencyKey) {
    PlanCommands.PlanPrice price = plans.priceOf(planId);
    return create(accountId, Nanos.format(price.priceNanos()), price.currency(), provider, idempotencyKey, planId);
  }

  private Created create(
      String accountId, String amount, String currency, String provider, String idempotencyKey, String planId) {
    Account found = accounts.find(accountId).orElseThrow(() -> AccountCommands.accountNotFound(accountId));
    TopUpRequest request = TopUpRequest.check(amount, currency, provider, idempotencyKey, found.currency());
    Created created = tx.execute(status -> insert(accountId, request, planId));
    if (!created.created() || !request.provider().equals("stripe")) {
      return created;
    }
    return new Created(checkout(created.order()), true);
  }

  private Created insert(String accountId, TopUpRequest request, String planId) {
    Instant now = clock.instant();
    Account account = accounts.lock(accountId).orElseThrow(() -> AccountCommands.accountNotFound(accountId));
    if (request.idempotencyKey() != null) {
      var earlier = orders.findByKey(account.rootId(), accountId, request.idempotencyKey());
      if (earlier.isPresent()) {
        if (!earlier.get().requestDigest().equals(request.digest())) {
          throw ApiException.conflict("idempotency_key_mismatch", "this idempotencyKey was used for another top-up");
        }
        return new Created(earlier.get(), false);
      }
    }
    PaymentSettings s = settings.current();
    boolean stripe = request.provider().equals("stripe");
    if (!(stripe ? s.stripeEnabled() : s.epayEnabled())) {
      throw ApiException.conflict("provider_disabled", request.provider() + " payments are not enabled");
    }
    boolean configured = s.publicBaseUrl() != null && (stripe
        ? s.stripeSecretKey() != null
        : s.epayGatewayUrl() != null && s.epayMerchantId() != null && s.epayKey() != null);
    if (!configured) {
      throw ApiException.conflict("provider_not_configured", request.provider() + " is missing "
          + (stripe ? "its secret key or the public base URL" : "its gateway URL, merchant id, key or the public base URL"));
    }
    boolean converts = TopUpRequest.converts(request.payCurrency(), account.currency());
    long credit = TopUpRequest.creditNanos(request.payAmountNanos(), request.payCurrency(), account.currency(), s.usdCnyRate());
    String id = "ord_" + UUID.randomUUID().toString().replace("-", "");
    String payUrl = stripe ? null : epayUrl(s, id, request.payAmountNanos());
    Order order = new Order(
        account.rootId(), id, accountId, planId == null ? "topup" : "plan", request.provider(), Order.CREATED, credit,
        account.currency(),
        request.payAmountNanos(), request.payCurrency(), converts ? s.usdCnyRate() : null, null, payUrl,
        request.idempotencyKey(), request.digest(), null, now, now);
    orders.insert(order, planId);
    orders.audit(order, new OrderStore.Event("created", null, null, null, Order.CREATED,
        "pay " + Nanos.format(request.payAmountNanos()) + " " + request.payCurrency() + ", credit "
            + Nanos.format(credit) + " " + account.currency() + (converts ? " at USD/CNY " + s.usdCnyRate().toPlainString() : ""),
        now));
    return new Created(order, true);
  }

  private Order checkout(Order order) {
    PaymentSettings s = settings.current();
    SessionCreateParams params = SessionCreateParams.builder()
        .setMode(SessionCreateParams.Mode.PAYMENT)
        .setClientReferenceId(order.id())
        .putMetadata("orderId", order.id())
        // Refund events name the charge, not the session: the payment intent carries the order too.
        .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder().putMetadata("orderId", order.id()).build())
        .setSuccessUrl(s.publicBaseUrl() + "/portal?order=" + order.id())
        .setCancelUrl(s.publicBaseUrl() + "/portal?order=" + order.id())
        .addLineItem(SessionCreateParams.LineItem.builder()
            .setQuantity(1L)
            .setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                .setCurrency(order.payCurrency().toLowerCase(Locale.ROOT))
                .setUnitAmount(TopUpRequest.minorUnits(order.payAmountNanos()))
                .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                    .setName("Balance top-up " + order.id())
                    .build())
                .build())
            .build())
        .build();
    StripeCheckout.Session session;
    try {
      session = stripe.create(params, s.stripeSecretKey());
    } catch (StripeCheckout.CheckoutFailed e) {
      log.warn("Stripe checkout for order {} failed", order.id(), e);
      tx.executeWithoutResult(status -> {
        Order locked = orders.lock(order.id()).orElseThrow();
        Instant now = clock.instant();
        if (locked.status().equals(Order.CREATED)) {
          orders.setStatus(locked, Order.FAILED, null, now);
          orders.audit(locked, new OrderStore.Event("transition", null, null, Order.CREATED, Order.FAILED,
              "checkout session not created: " + e.getMessage(), now));
        }
      });
      throw new ApiException(HttpStatus.BAD_GATEWAY, "provider_unavailable",
          "Stripe could not create a checkout session; the order " + order.id() + " is marked failed");
    }
    tx.executeWithoutResult(status -> {
      Instant now = clock.instant();
      Order locked = orders.lock(order.id()).orElseThrow();
      orders.setCheckout(locked, session.id(), session.url(), now);
      orders.audit(locked, new OrderStore.Event("checkout", session.id(), null, null, null, "checkout session created", now));
    });
    return orders.find(order.id()).orElseThrow();
  }

  /** EPay's submit.php redirect, signed like its notifications. */
  static String epayUrl(PaymentSettings s, String orderId, long payNanos) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("pid", s.epayMerchantId());
    p.put("out_trade_no", orderId);
    p.put("notify_url", s.publicBaseUrl() + "/v1/payments/epay/notify");
    p.put("return_url", s.publicBaseUrl() + "/portal?order=" + orderId);
    p.put("name", "Balance top-up " + orderId);
    p.put("money", Nanos.format(payNanos, 2));
    p.put("sign", EpaySignature.sign(p, s.epayKey()));
    p.put("sign_type", "MD5");
    String base = s.epayGatewayUrl().endsWith("/") ? s.epayGatewayUrl() : s.epayGatewayUrl() + "/";
    return base + "submit.php?" + p.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
