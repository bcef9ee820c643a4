package dev.tollgate.server.payments;

import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.param.checkout.SessionCreateParams;
import dev.tollgate.server.support.Api;
import dev.tollgate.server.support.ServerTest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

@TestPropertySource(properties = "tollgate.payments.secrets-key=" + PaymentsTest.SECRETS_KEY)
@Import(FakeStripe.class)
class PaymentsTest extends ServerTest {
  /** base64 of 32 bytes 0x00..0x1f: a test key, never a real one. */
  static final String SECRETS_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
  static final String WEBHOOK_SECRET = "whsec_test_0123456789abcdef";
  static final String STRIPE_KEY = "sk_test_51Habcdefghijklmnop9876";
  static final String EPAY_KEY = "epay-merchant-key-4242";
  static final String MERCHANT = "1001";
  static final Instant NOW = Instant.parse("2031-06-01T12:00:00Z");

  @Autowired JdbcClient jdbc;

  @BeforeEach
  void configure() {
    FakeStripe.down = false;
    assertThat(api().put("/v1/test/clock", "{\"now\":\"" + NOW + "\"}").status()).isEqualTo(200);
    Api.Response r = api().put("/v1/payments/settings", """
        {"stripeEnabled":true,"epayEnabled":true,"stripeSecretKey":"%s","stripeWebhookSecret":"%s",
         "epayGatewayUrl":"https://pay.example.test","epayMerchantId":"%s","epayKey":"%s",
         "publicBaseUrl":"https://billing.example.test","usdCnyRate":"7.2"}"""
        .formatted(STRIPE_KEY, WEBHOOK_SECRET, MERCHANT, EPAY_KEY));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
  }

  @AfterEach
  void releaseClock() {
    api().delete("/v1/test/clock");
  }

  private String account(String prefix, String currency) {
    String id = uniqueId(prefix);
    Api.Response r = api().post("/v1/accounts",
        "{\"id\":\"" + id + "\",\"name\":\"" + prefix + "\",\"currency\":\"" + currency + "\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return id;
  }

  private Api.Response topUp(String account, String json) {
    return api().post("/v1/accounts/" + account + "/topups", json);
  }

  private String order(String account, String json) {
    Api.Response r = topUp(account, json);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    assertThat(r.text("status")).isEqualTo("created");
    return r.text("orderId");
  }

  private String wallet(String account) {
    return api().get("/v1/accounts/" + account + "/balance").text("wallet");
  }

  private JsonNode orderView(String orderId) {
    Api.Response r = api().get("/v1/payments/orders/" + orderId);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json();
  }

  private boolean balanced(String account) {
    return api().get("/v1/ledger/reconciliation?rootId=" + account).json().get("balanced").asBoolean();
  }

  // --- Stripe --------------------------------------------------------------------------------

  static String stripeEvent(String eventId, String type, String orderId, long amountTotal, String currency) {
    return """
        {"id":"%s","object":"event","api_version":"2025-03-31.basil","created":%d,"type":"%s","livemode":false,
         "data":{"object":{"id":"cs_test_x","object":"checkout.session","payment_status":"paid","amount_total":%d,
         "currency":"%s","refunded":true,"metadata":{"orderId":"%s"}}}}"""
        .formatted(eventId, NOW.getEpochSecond(), type, amountTotal, currency, orderId);
  }

  /** Stripe's scheme: t=…,v1=hex(HMAC-SHA256(secret, t + "." + payload)). */
  static String stripeSignature(String payload, String secret, Instant at) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      long t = at.getEpochSecond();
      byte[] sig = mac.doFinal((t + "." + payload).getBytes(StandardCharsets.UTF_8));
      return "t=" + t + ",v1=" + HexFormat.of().formatHex(sig);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Sent without the admin token, as Stripe does. */
  private Api.Response deliver(String payload, String signature) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api().base() + "/v1/payments/stripe/webhook"))
        .header("Content-Type", "application/json; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString(payload));
    if (signature != null) {
      request.header("Stripe-Signature", signature);
    }
    return Api.send(request.build());
  }

  @Test
  void createsAStripeCheckoutSessionNamingTheOrder() {
    String acme = account("stripe-create", "USD");
    Api.Response r = topUp(acme, "{\"amount\":\"10.00\",\"provider\":\"stripe\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    String orderId = r.text("orderId");
    assertThat(r.text("payUrl")).startsWith("https://checkout.stripe.test/");
    SessionCreateParams sent = FakeStripe.SENT.get(FakeStripe.SENT.size() - 1);
    assertThat(sent.getMetadata()).containsEntry("orderId", orderId);
    assertThat(sent.getLineItems().get(0).getPriceData().getUnitAmount()).isEqualTo(1000L);
    assertThat(sent.getLineItems().get(0).getPriceData().getCurrency()).isEqualTo("usd");
    JsonNode view = orderView(orderId);
    assertThat(view.get("providerReference").asString()).startsWith("cs_test_");
    assertThat(view.get("events").toString()).contains("created").contains("checkout");
  }

  @Test
  void aStripeEventDeliveredFiveTimesCreditsOnceAndBadOrStaleSignaturesChangeNothing() {
    String acme = account("stripe-once", "USD");
    String orderId = order(acme, "{\"amount\":\"10.00\",\"provider\":\"stripe\"}");
    String payload = stripeEvent("evt_" + UUID.randomUUID(), "checkout.session.completed", orderId, 1000, "usd");

    Api.Response forged = deliver(payload, stripeSignature(payload, "whsec_wrong", NOW));
    assertThat(forged.status()).as(forged.toString()).isEqualTo(400);
    assertThat(forged.code()).isEqualTo("invalid_signature");
    Api.Response stale = deliver(payload, stripeSignature(payload, WEBHOOK_SECRET, NOW.minus(Duration.ofMinutes(6))));
    assertThat(stale.status()).isEqualTo(400);
    assertThat(stale.code()).isEqualTo("invalid_signature");
    Api.Response unsigned = deliver(payload, null);
    assertThat(unsigned.code()).isEqualTo("invalid_signature");
    Api.Response tampered = deliver(payload.replace("1000", "100000"), stripeSignature(payload, WEBHOOK_SECRET, NOW));
    assertThat(tampered.code()).isEqualTo("invalid_signature");
    assertThat(wallet(acme)).isEqualTo("0.00");
    int trailBefore = orderView(orderId).get("events").size();
    assertThat(orderView(orderId).get("status").asString()).isEqualTo("created");

    for (int i = 0; i < 5; i++) {
      // Stripe signs every delivery afresh; the event id stays.
      Api.Response r = deliver(payload, stripeSignature(payload, WEBHOOK_SECRET, NOW.minusSeconds(i)));
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(r.text("outcome")).isEqualTo(i == 0 ? "credited" : "duplicate");
    }
    assertThat(wallet(acme)).isEqualTo("10.00");
    JsonNode view = orderView(orderId);
    assertThat(view.get("status").asString()).isEqualTo("credited");
    assertThat(view.get("events").size()).isEqualTo(trailBefore + 2 + 4);
    assertThat(view.get("events").toString()).contains("\"from\":\"created\",\"to\":\"paid\"")
        .contains("\"from\":\"paid\",\"to\":\"credited\"");
    assertThat(balanced(acme)).isTrue();
    assertThat(api().get("/v1/accounts/" + acme + "/ledger").body()).contains("payments:stripe");

    // A second kind of completion for the same order (async success) credits nothing more.
    String async = stripeEvent("evt_" + UUID.randomUUID(), "checkout.session.async_payment_succeeded", orderId, 1000, "usd");
    assertThat(deliver(async, stripeSignature(async, WEBHOOK_SECRET, NOW)).text("outcome")).isEqualTo("ignored");
    assertThat(wallet(acme)).isEqualTo("10.00");
  }

  @Test
  void racingDeliveriesOfOneStripeEventCreditOnce() throws Exception {
    String acme = account("stripe-race", "USD");
    String orderId = order(acme, "{\"amount\":\"7.00\",\"provider\":\"stripe\"}");
    String payload = stripeEvent("evt_" + UUID.randomUUID(), "checkout.session.completed", orderId, 700, "usd");
    var pool = java.util.concurrent.Executors.newFixedThreadPool(10);
    var start = new java.util.concurrent.CountDownLatch(1);
    var answers = new java.util.ArrayList<java.util.concurrent.Future<Api.Response>>();
    for (int i = 0; i < 10; i++) {
      answers.add(pool.submit(() -> {
        start.await();
        return deliver(payload, stripeSignature(payload, WEBHOOK_SECRET, NOW));
      }));
    }
    start.countDown();
    int credited = 0;
    for (var f : answers) {
      Api.Response r = f.get();
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      credited += "credited".equals(r.text("outcome")) ? 1 : 0;
    }
    pool.shutdown();
    assertThat(credited).isEqualTo(1);
    assertThat(wallet(acme)).isEqualTo("7.00");
    assertThat(balanced(acme)).isTrue();
  }

  @Test
  void aStripePaymentOfAnotherAmountMarksTheOrderFailedAndCreditsNothing() {
    String acme = account("stripe-mismatch", "USD");
    String orderId = order(acme, "{\"amount\":\"10.00\",\"provider\":\"stripe\"}");
    String payload = stripeEvent("evt_" + UUID.randomUUID(), "checkout.session.completed", orderId, 999, "usd");
    Api.Response r = deliver(payload, stripeSignature(payload, WEBHOOK_SECRET, NOW));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text("outcome")).isEqualTo("failed");
    JsonNode view = orderView(orderId);
    assertThat(view.get("status").asString()).isEqualTo("failed");
    assertThat(view.get("events").toString()).contains("amount mismatch");
    assertThat(wallet(acme)).isEqualTo("0.00");
  }

  @Test
  void aRefundBeforeTheCompletionNeverCreditsAndARefundAfterItReversesTheCredit() {
    String early = account("refund-early", "USD");
    String first = order(early, "{\"amount\":\"5.00\",\"provider\":\"stripe\"}");
    String refund = stripeEvent("evt_" + UUID.randomUUID(), "charge.refunded", first, 500, "usd");
    assertThat(deliver(refund, stripeSignature(refund, WEBHOOK_SECRET, NOW)).text("outcome")).isEqualTo("refunded");
    String completed = stripeEvent("evt_" + UUID.randomUUID(), "checkout.session.completed", first, 500, "usd");
    assertThat(deliver(completed, stripeSignature(completed, WEBHOOK_SECRET, NOW)).text("outcome")).isEqualTo("ignored");
    assertThat(wallet(early)).isEqualTo("0.00");
    assertThat(orderView(first).get("status").asString()).isEqualTo("refunded");

    String late = account("refund-late", "USD");
    String second = order(late, "{\"amount\":\"5.00\",\"provider\":\"stripe\"}");
    String paid = stripeEvent("evt_" + UUID.randomUUID(), "checkout.session.completed", second, 500, "usd");
    deliver(paid, stripeSignature(paid, WEBHOOK_SECRET, NOW));
    assertThat(wallet(late)).isEqualTo("5.00");
    String back = stripeEvent("evt_" + UUID.randomUUID(), "charge.refunded", second, 500, "usd");
    for (int i = 0; i < 2; i++) {
      deliver(back, stripeSignature(back, WEBHOOK_SECRET, NOW));
    }
    assertThat(wallet(late)).isEqualTo("0.00");
    assertThat(orderView(second).get("status").asString()).isEqualTo("refunded");
    assertThat(balanced(late)).isTrue();
  }

  @Test
  void ignoresStripeEventTypesItDoesNotHandleAndAnswersThemWithOk() {
    String payload = """
        {"id":"evt_other","object":"event","type":"customer.created","data":{"object":{"id":"cus_1"}}}""";
    Api.Response r = deliver(payload, stripeSignature(payload, WEBHOOK_SECRET, NOW));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.text("outcome")).isEqualTo("ignored");
  }

  // --- EPay ----------------------------------------------------------------------------------

  /** EPay's scheme, written here independently: sorted non-empty params but sign/sign_type, a=1&b=2 + key, MD5 hex. */
  static String epaySign(Map<String, String> params, String key) throws Exception {
    String text = new TreeMap<>(params).entrySet().stream()
        .filter(e -> !e.getKey().equals("sign") && !e.getKey().equals("sign_type") && !e.getValue().isEmpty())
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining("&")) + key;
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  static Map<String, String> epayNotice(String orderId, String money, String tradeNo, String key) throws Exception {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("pid", MERCHANT);
    p.put("trade_no", tradeNo);
    p.put("out_trade_no", orderId);
    p.put("type", "alipay");
    p.put("name", "Balance top-up");
    p.put("money", money);
    p.put("trade_status", "TRADE_SUCCESS");
    p.put("param", "");
    p.put("sign", epaySign(p, key));
    p.put("sign_type", "MD5");
    return p;
  }

  private Api.Response notify(Map<String, String> params) {
    String form = params.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return Api.send(HttpRequest.newBuilder(URI.create(api().base() + "/v1/payments/epay/notify"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form))
        .build());
  }

  @Test
  void anEpayNotificationSentFiveTimesCreditsOnceAndABadSignatureIsRefused() throws Exception {
    String acme = account("epay-once", "CNY");
    Api.Response created = topUp(acme, "{\"amount\":\"72.00\",\"provider\":\"epay\"}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String orderId = created.text("orderId");
    assertThat(created.text("payUrl")).startsWith("https://pay.example.test/submit.php?pid=1001&out_trade_no=" + orderId)
        .contains("sign_type=MD5");

    Map<String, String> forged = epayNotice(orderId, "72.00", "T" + orderId, "not-the-key");
    Api.Response bad = notify(forged);
    assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
    assertThat(bad.code()).isEqualTo("invalid_signature");
    Map<String, String> tampered = epayNotice(orderId, "72.00", "T" + orderId, EPAY_KEY);
    tampered.put("money", "720.00");
    assertThat(notify(tampered).code()).isEqualTo("invalid_signature");
    assertThat(orderView(orderId).get("status").asString()).isEqualTo("created");
    assertThat(wallet(acme)).isEqualTo("0.00");

    Map<String, String> good = epayNotice(orderId, "72.00", "T" + orderId, EPAY_KEY);
    for (int i = 0; i < 5; i++) {
      Api.Response r = notify(good);
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("success");
      assertThat(r.contentType()).startsWith("text/plain");
    }
    assertThat(wallet(acme)).isEqualTo("72.00");
    assertThat(orderView(orderId).get("status").asString()).isEqualTo("credited");
    assertThat(balanced(acme)).isTrue();
    assertThat(api().get("/v1/accounts/" + acme + "/ledger").body()).contains("payments:epay");
  }

  @Test
  void anEpayPaymentOfAnotherAmountMarksTheOrderFailed() throws Exception {
    String acme = account("epay-mismatch", "CNY");
    String orderId = order(acme, "{\"amount\":\"72.00\",\"provider\":\"epay\"}");
    assertThat(notify(epayNotice(orderId, "0.01", "T1" + orderId, EPAY_KEY)).body()).isEqualTo("success");
    assertThat(orderView(orderId).get("status").asString()).isEqualTo("failed");
    assertThat(wallet(acme)).isEqualTo("0.00");
  }

  @Test
  void aCnyPaymentCreditsAUsdAccountAtTheConfiguredRateRoundedHalfUpToTheNano() throws Exception {
    String acme = account("cny", "USD");
    Api.Response r = topUp(acme, "{\"amount\":\"72.00\",\"provider\":\"epay\"}");
    assertThat(r.text("amount")).isEqualTo("10.00");
    assertThat(r.text("usdCnyRate")).isEqualTo("7.2");
    notify(epayNotice(r.text("orderId"), "72.00", "T" + r.text("orderId"), EPAY_KEY));
    assertThat(wallet(acme)).isEqualTo("10.00");

    assertThat(api().put("/v1/payments/settings", "{\"usdCnyRate\":\"7.3\"}").text("usdCnyRate")).isEqualTo("7.3");
    Api.Response odd = topUp(acme, "{\"amount\":\"100\",\"provider\":\"epay\"}");
    // 100 / 7.3 = 13.6986301369863… → 13.698630137
    assertThat(odd.text("amount")).isEqualTo("13.698630137");
    // The rate is fixed when the order is made: a later change does not move this order.
    api().put("/v1/payments/settings", "{\"usdCnyRate\":\"8\"}");
    notify(epayNotice(odd.text("orderId"), "100.00", "T" + odd.text("orderId"), EPAY_KEY));
    assertThat(wallet(acme)).isEqualTo("23.698630137");
    assertThat(balanced(acme)).isTrue();
  }

  // --- Orders and settings -------------------------------------------------------------------

  @Test
  void answersARetriedTopUpWithTheSameOrderAndRefusesBadOnesWithAStableCodeEach() {
    String acme = account("topup-refusals", "USD");
    Api.Response first = topUp(acme, "{\"amount\":\"20\",\"provider\":\"stripe\",\"idempotencyKey\":\"k1\"}");
    assertThat(first.status()).isEqualTo(201);
    Api.Response again = topUp(acme, "{\"amount\":\"20\",\"provider\":\"stripe\",\"idempotencyKey\":\"k1\"}");
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.text("orderId")).isEqualTo(first.text("orderId"));
    record Case(String body, int status, String code) {}
    for (Case c : java.util.List.of(
        new Case("{\"amount\":\"21\",\"provider\":\"stripe\",\"idempotencyKey\":\"k1\"}", 409, "idempotency_key_mismatch"),
        new Case("{\"amount\":\"20\"}", 422, "missing_field"),
        new Case("{\"amount\":\"20\",\"provider\":\"paypal\"}", 422, "provider_invalid"),
        new Case("{\"provider\":\"stripe\"}", 422, "missing_field"),
        new Case("{\"amount\":\"0\",\"provider\":\"stripe\"}", 422, "amount_not_positive"),
        new Case("{\"amount\":\"1.001\",\"provider\":\"stripe\"}", 422, "amount_precision"),
        new Case("{\"amount\":\"1000000.01\",\"provider\":\"stripe\"}", 422, "amount_out_of_range"),
        new Case("{\"amount\":\"1\",\"provider\":\"epay\",\"currency\":\"USD\"}", 422, "currency_unsupported"),
        new Case("{\"amount\":\"1\",\"provider\":\"stripe\",\"currency\":\"EUR\"}", 422, "currency_unsupported"),
        new Case("{\"amount\":\"1\",\"provider\":\"stripe\",\"tip\":\"1\"}", 400, "unknown_field"))) {
      Api.Response r = topUp(acme, c.body());
      assertThat(r.status()).as(c.body() + " → " + r).isEqualTo(c.status());
      assertThat(r.code()).as(c.body()).isEqualTo(c.code());
    }
    assertThat(topUp(acme, "{\"amount\":\"1000000\",\"provider\":\"stripe\"}").status()).isEqualTo(201);
    assertThat(topUp("nobody-here", "{\"amount\":\"1\",\"provider\":\"stripe\"}").code()).isEqualTo("account_not_found");
    assertThat(api().get("/v1/payments/orders/ord_nope").code()).isEqualTo("order_not_found");
    Api.Response unknownOrder;
    try {
      unknownOrder = notify(epayNotice("ord_nope", "1.00", "Tnope", EPAY_KEY));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    assertThat(unknownOrder.status()).isEqualTo(404);
    assertThat(unknownOrder.code()).isEqualTo("order_not_found");

    api().put("/v1/payments/settings", "{\"stripeEnabled\":false}");
    assertThat(topUp(acme, "{\"amount\":\"1\",\"provider\":\"stripe\"}").code()).isEqualTo("provider_disabled");
    api().put("/v1/payments/settings", "{\"stripeEnabled\":true,\"stripeSecretKey\":\"\"}");
    assertThat(topUp(acme, "{\"amount\":\"1\",\"provider\":\"stripe\"}").code()).isEqualTo("provider_not_configured");
    api().put("/v1/payments/settings", "{\"stripeSecretKey\":\"" + STRIPE_KEY + "\"}");
    FakeStripe.down = true;
    Api.Response down = topUp(acme, "{\"amount\":\"1\",\"provider\":\"stripe\"}");
    assertThat(down.status()).isEqualTo(502);
    assertThat(down.code()).isEqualTo("provider_unavailable");
  }

  @Test
  void neverReturnsSecretsInFullAndStoresThemEncrypted() {
    Api.Response r = api().get("/v1/payments/settings");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).doesNotContain(WEBHOOK_SECRET).doesNotContain(STRIPE_KEY).doesNotContain(EPAY_KEY);
    assertThat(r.text("stripeWebhookSecret")).isEqualTo("…cdef");
    assertThat(r.text("stripeSecretKey")).isEqualTo("…9876");
    assertThat(r.text("epayKey")).isEqualTo("…4242");
    assertThat(r.json().get("secretsKeyConfigured").asBoolean()).isTrue();
    byte[] sealed = jdbc.sql("SELECT stripe_webhook_secret_enc FROM payment_settings WHERE id = 1").query(byte[].class).single();
    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(WEBHOOK_SECRET);
    assertThat(sealed.length).isEqualTo(12 + WEBHOOK_SECRET.length() + 16);

    for (String[] c : new String[][] {
        {"{\"usdCnyRate\":\"0\"}", "rate_invalid"}, {"{\"usdCnyRate\":\"abc\"}", "rate_invalid"},
        {"{\"usdCnyRate\":\"1000.1\"}", "rate_invalid"}, {"{\"usdCnyRate\":\"7.1234567891\"}", "rate_invalid"},
        {"{\"publicBaseUrl\":\"ftp://x\"}", "url_invalid"}, {"{\"epayKey\":\" padded \"}", "secret_invalid"},
        {"{\"epayMerchantId\":\"" + "9".repeat(65) + "\"}", "merchant_id_invalid"}}) {
      Api.Response bad = api().put("/v1/payments/settings", c[0]);
      assertThat(bad.status()).as(c[0] + " → " + bad).isEqualTo(422);
      assertThat(bad.code()).isEqualTo(c[1]);
    }
    assertThat(api().put("/v1/payments/settings", "{\"usdCnyRate\":\"1000\"}").status()).isEqualTo(200);
    assertThat(api().get("/v1/payments/settings").text("usdCnyRate")).isEqualTo("1000");
  }

  @Test
  void webhooksNeedNoBearerTokenButEveryOtherPaymentPathDoes() {
    Api.Response settings = api().withToken(null).get("/v1/payments/settings");
    assertThat(settings.status()).isEqualTo(401);
    Api.Response orders = api().withToken(null).get("/v1/payments/orders/ord_x");
    assertThat(orders.status()).isEqualTo(401);
    Api.Response webhook = deliver("{}", null);
    assertThat(webhook.status()).isEqualTo(400);
    assertThat(webhook.code()).isEqualTo("invalid_signature");
  }

  @Test
  void subscribesToThePlanOncePaidAndOnlyOnceWhateverTheRetries() throws Exception {
    String planId = uniqueId("pro-cny");
    assertThat(api().put("/v1/plans/" + planId, "{\"name\":\"Pro\",\"price\":\"72.00\",\"currency\":\"CNY\","
        + "\"interval\":\"monthly\",\"periodCredit\":\"50.00\",\"rank\":1}").status()).isEqualTo(200);
    String acme = account("plan-order", "CNY");
    Api.Response created = api().post("/v1/accounts/" + acme + "/plan-orders", "{\"planId\":\"" + planId + "\",\"provider\":\"epay\"}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.text("amount")).isEqualTo("72.00");
    String orderId = created.text("orderId");
    for (int delivery = 0; delivery < 3; delivery++) {
      assertThat(notify(epayNotice(orderId, "72.00", "T" + orderId, EPAY_KEY)).body()).isEqualTo("success");
    }
    var balance = api().get("/v1/accounts/" + acme + "/balance").json();
    assertThat(balance.get("wallet").asString()).isEqualTo("0.00");
    assertThat(balance.get("edition").get("rank").asInt()).isEqualTo(1);
    assertThat(api().get("/v1/accounts/" + acme + "/grants").json().get("items").size()).isEqualTo(1);
    Api.Response order = api().get("/v1/payments/orders/" + orderId);
    assertThat(order.text("kind")).isEqualTo("plan");
    assertThat(order.body()).contains("subscribed to plan " + planId);
    assertThat(api().get("/v1/ledger/reconciliation?rootId=" + acme).json().get("balanced").asBoolean()).isTrue();

    Api.Response unknown = api().post("/v1/accounts/" + acme + "/plan-orders", "{\"planId\":\"no-such-plan\",\"provider\":\"epay\"}");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.code()).isEqualTo("plan_not_found");
  }
}
