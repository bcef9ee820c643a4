package dev.tollgate.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.Api;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Seed 000's notices end to end: detector → outbox → dispatcher → webhook, e-mail and inbox. */
class NotificationsTest extends NotificationServerTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Instant T0 = Instant.parse("2027-03-01T00:00:00Z");

  @Autowired NoticeDetector detector;
  @Autowired NoticeDispatcher dispatcher;

  private String meter;

  @BeforeEach
  void setUp() {
    clock(T0);
    channelsOn();
    meter = uniqueId("pictures");
    Api.Response price = api().put("/v1/prices/" + meter,
        "{\"mode\":\"unit\",\"currency\":\"USD\",\"unitName\":\"picture\",\"perUnit\":\"1.00\",\"effectiveAt\":\"2027-01-01T00:00:00Z\"}");
    assertThat(price.status()).as(price.toString()).isEqualTo(200);
  }

  @AfterEach
  void backToTheSystemClock() {
    api().delete("/v1/test/clock");
  }

  @Test
  void crossingTenPercentSendsOneSignedWebhookAndOneEmailAndDetectingAgainSendsNothing() {
    String acct = account("ten");
    String grant = grant(acct, "100.00", T0.plus(Duration.ofDays(300)));
    use(acct, 90);

    detectAndDispatch();

    List<WebhookReceiver.Received> hooks = WEBHOOKS.at(hookPath(acct));
    assertThat(hooks).hasSize(1);
    WebhookReceiver.Received hook = hooks.get(0);
    assertThat(verifies(SECRET, hook.signature(), hook.body())).isTrue();
    assertThat(verifies("another-secret-0123456789", hook.signature(), hook.body())).isFalse();
    JsonNode event = JSON.readTree(hook.body());
    assertThat(hook.eventId()).isEqualTo(event.get("id").asString());
    assertThat(event.get("kind").asString()).isEqualTo("credit_threshold");
    assertThat(event.get("accountId").asString()).isEqualTo(acct);
    JsonNode data = event.get("data");
    assertThat(data.get("grantId").asString()).isEqualTo(grant);
    assertThat(data.get("class").asString()).isEqualTo("prepaid");
    assertThat(data.get("thresholdPercent").asInt()).isEqualTo(10);
    assertThat(new BigDecimal(data.get("amount").asString())).isEqualByComparingTo("100");
    assertThat(new BigDecimal(data.get("remaining").asString())).isEqualByComparingTo("10");
    assertThat(data.get("expiresAt").asString()).isEqualTo(T0.plus(Duration.ofDays(300)).toString());
    assertThat(mailTo(email(acct))).hasSize(1);
    assertThat(subject(mailTo(email(acct)).get(0))).isEqualTo("Credit at 10 % remaining (" + acct + ")");

    detectAndDispatch();
    clock(T0.plus(Duration.ofHours(1)));
    detectAndDispatch();
    assertThat(WEBHOOKS.at(hookPath(acct))).hasSize(1);
    assertThat(mailTo(email(acct))).hasSize(1);
    assertThat(api().get("/v1/accounts/" + acct + "/inbox").json().get("items")).hasSize(1);
  }

  @Test
  void fivePercentAfterTenPercentSendsOneMore() {
    String acct = account("five");
    grant(acct, "100.00", null);
    use(acct, 89);
    detectAndDispatch();
    assertThat(WEBHOOKS.at(hookPath(acct))).isEmpty();

    use(acct, 1);
    detectAndDispatch();
    use(acct, 6);
    detectAndDispatch();
    detectAndDispatch();

    List<WebhookReceiver.Received> hooks = WEBHOOKS.at(hookPath(acct));
    assertThat(hooks).extracting(h -> JSON.readTree(h.body()).get("data").get("thresholdPercent").asInt())
        .containsExactly(10, 5);
    assertThat(mailTo(email(acct))).hasSize(2);
  }

  @Test
  void aGrantThatDropsPastSeveralThresholdsAtOnceGetsOnlyTheLowest() {
    String acct = account("drop");
    grant(acct, "100.00", null);
    use(acct, 100);
    detectAndDispatch();
    assertThat(WEBHOOKS.at(hookPath(acct))).extracting(h -> JSON.readTree(h.body()).get("data").get("thresholdPercent").asInt())
        .containsExactly(1);
  }

  @Test
  void sevenDaysBeforeExpirySendsOneNoticeAndFiveDaysOneMore() {
    String acct = account("expiry");
    Instant expires = T0.plus(Duration.ofDays(10));
    String grant = grant(acct, "100.00", expires);

    clock(expires.minus(Duration.ofDays(7)).minusSeconds(1));
    detectAndDispatch();
    assertThat(WEBHOOKS.at(hookPath(acct))).isEmpty();

    clock(expires.minus(Duration.ofDays(7)));
    detectAndDispatch();
    detectAndDispatch();
    clock(expires.minus(Duration.ofDays(6)));
    detectAndDispatch();
    assertThat(WEBHOOKS.at(hookPath(acct))).hasSize(1);
    JsonNode first = JSON.readTree(WEBHOOKS.at(hookPath(acct)).get(0).body());
    assertThat(first.get("kind").asString()).isEqualTo("expiry_notice");
    assertThat(first.get("data").get("daysBefore").asInt()).isEqualTo(7);
    assertThat(first.get("data").get("grantId").asString()).isEqualTo(grant);

    clock(expires.minus(Duration.ofDays(5)));
    detectAndDispatch();
    assertThat(WEBHOOKS.at(hookPath(acct))).extracting(h -> JSON.readTree(h.body()).get("data").get("daysBefore").asInt())
        .containsExactly(7, 5);

    clock(expires);
    detectAndDispatch();
    assertThat(WEBHOOKS.at(hookPath(acct))).hasSize(2);
  }

  @Test
  void aWalletFallingBelowItsThresholdNotifiesOncePerCrossing() {
    String acct = account("wallet");
    Api.Response settings = api().put("/v1/accounts/" + acct + "/notifications/settings",
        "{\"webhookUrl\":\"" + WEBHOOKS.url(hookPath(acct)) + "\",\"lowWalletThreshold\":\"5.00\"}");
    assertThat(settings.status()).as(settings.toString()).isEqualTo(200);
    wallet(acct, "credits", "10.00");
    detectAndDispatch();
    assertThat(WEBHOOKS.at(hookPath(acct))).isEmpty();

    wallet(acct, "debits", "7.00");
    detectAndDispatch();
    detectAndDispatch();
    assertThat(WEBHOOKS.at(hookPath(acct))).hasSize(1);
    JsonNode data = JSON.readTree(WEBHOOKS.at(hookPath(acct)).get(0).body()).get("data");
    assertThat(new BigDecimal(data.get("balance").asString())).isEqualByComparingTo("3");
    assertThat(new BigDecimal(data.get("threshold").asString())).isEqualByComparingTo("5");

    wallet(acct, "credits", "10.00");
    detectAndDispatch();
    clock(T0.plus(Duration.ofMinutes(1)));
    wallet(acct, "debits", "11.00");
    detectAndDispatch();
    assertThat(WEBHOOKS.at(hookPath(acct))).extracting(h -> JSON.readTree(h.body()).get("kind").asString())
        .containsExactly("low_wallet", "low_wallet");
  }

  @Test
  void anAccountsOwnThresholdsReplaceThePlatforms() {
    String acct = account("own");
    Api.Response settings = api().put("/v1/accounts/" + acct + "/notifications/settings",
        "{\"webhookUrl\":\"" + WEBHOOKS.url(hookPath(acct)) + "\",\"creditThresholdsPercent\":[50]}");
    assertThat(settings.status()).as(settings.toString()).isEqualTo(200);
    grant(acct, "100.00", null);
    use(acct, 95);
    detectAndDispatch();
    assertThat(WEBHOOKS.at(hookPath(acct))).extracting(h -> JSON.readTree(h.body()).get("data").get("thresholdPercent").asInt())
        .containsExactly(50);
    assertThat(mailTo(email(acct))).isEmpty();
  }

  private static String subject(jakarta.mail.internet.MimeMessage message) {
    try {
      return message.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private void detectAndDispatch() {
    detector.detectOnce();
    dispatcher.dispatchOnce();
  }

  private void clock(Instant now) {
    Api.Response r = api().put("/v1/test/clock", "{\"now\":\"" + now + "\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
  }

  private String grant(String acct, String amount, Instant expiresAt) {
    String expiry = expiresAt == null ? "" : ",\"expiresAt\":\"" + expiresAt + "\"";
    Api.Response r = api().post("/v1/accounts/" + acct + "/grants",
        "{\"kind\":\"prepaid\",\"denomination\":\"money\",\"amount\":\"" + amount + "\",\"meters\":[\"" + meter + "\"]" + expiry + "}");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.text("id");
  }

  private void use(String acct, int pictures) {
    Api.Response r = api().post("/v1/settle", "{\"requestId\":\"" + uniqueId("use") + "\",\"accountId\":\"" + acct
        + "\",\"meter\":\"" + meter + "\",\"status\":\"success\",\"usage\":{\"units\":" + pictures + "}}");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
  }

  private void wallet(String acct, String direction, String amount) {
    Api.Response r = api().post("/v1/accounts/" + acct + "/wallet/" + direction,
        "{\"amount\":\"" + amount + "\",\"reason\":\"test\",\"idempotencyKey\":\"" + uniqueId("k") + "\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
  }

  /** The receiver's side of the scheme, written from the README, not from WebhookSignature. */
  static boolean verifies(String secret, String header, String body) {
    String t = null;
    String v1 = null;
    for (String part : header.split(",")) {
      if (part.startsWith("t=")) {
        t = part.substring(2);
      } else if (part.startsWith("v1=")) {
        v1 = part.substring(3);
      }
    }
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
      String expected = java.util.HexFormat.of().formatHex(
          mac.doFinal((t + "." + body).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      return java.security.MessageDigest.isEqual(expected.getBytes(), v1.getBytes());
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
