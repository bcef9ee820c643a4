package dev.tollgate.server.payments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.DatabaseFingerprint;
import dev.tollgate.server.support.RawHttp;
import dev.tollgate.server.support.ServerTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The hostile cases of the two signed webhooks, which HostileInputTest leaves out (they take no
 * admin token): malformed, oversized and badly signed deliveries are 4xx problems and change
 * nothing. Same configuration as PaymentsTest, so it shares that test's server.
 */
@TestPropertySource(properties = "tollgate.payments.secrets-key=" + PaymentsTest.SECRETS_KEY)
@Import(FakeStripe.class)
class SignedWebhookHostileTest extends ServerTest {
  private static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");

  @Autowired JdbcClient jdbc;

  @AfterEach
  void releaseClock() {
    api().delete("/v1/test/clock");
  }

  private record Case(String name, String target, String contentType, Map<String, String> headers, byte[] body) {}

  @Test
  void hostileDeliveriesToTheSignedWebhooksAreProblemsAndChangeNothing() {
    assertThat(api().put("/v1/test/clock", "{\"now\":\"" + NOW + "\"}").status()).isEqualTo(200);
    assertThat(api().put("/v1/payments/settings", """
        {"stripeEnabled":true,"epayEnabled":true,"stripeWebhookSecret":"%s","epayGatewayUrl":"https://pay.example.test",
         "epayMerchantId":"%s","epayKey":"%s"}""".formatted(PaymentsTest.WEBHOOK_SECRET, PaymentsTest.MERCHANT,
        PaymentsTest.EPAY_KEY)).status()).isEqualTo(200);
    String stripe = "/v1/payments/stripe/webhook";
    String epay = "/v1/payments/epay/notify";
    String garbage = "[".repeat(100_000) + "]".repeat(100_000);
    List<Case> cases = List.of(
        new Case("unsigned", stripe, "application/json", Map.of(), bytes("{\"id\":\"evt_1\"}")),
        new Case("10 KB signature", stripe, "application/json", Map.of("Stripe-Signature", "t=1,v1=" + "a".repeat(10_000)),
            bytes("{}")),
        new Case("signed garbage", stripe, "application/json",
            Map.of("Stripe-Signature", PaymentsTest.stripeSignature(garbage, PaymentsTest.WEBHOOK_SECRET, NOW)), bytes(garbage)),
        new Case("invalid utf-8", stripe, "application/json", Map.of("Stripe-Signature", "t=1,v1=00"),
            concat("{\"id\":\"", new byte[] {(byte) 0xC3, 0x28}, "\"}")),
        new Case("10 MB body", stripe, "application/json", Map.of("Stripe-Signature", "t=1,v1=00"),
            bytes("\"" + "a".repeat(10 << 20) + "\"")),
        new Case("epay without sign", epay, "application/x-www-form-urlencoded", Map.of(),
            bytes("pid=" + PaymentsTest.MERCHANT + "&out_trade_no=ord_x&money=1.00&trade_status=TRADE_SUCCESS")),
        new Case("epay wrong sign", epay, "application/x-www-form-urlencoded", Map.of(),
            bytes("pid=" + PaymentsTest.MERCHANT + "&out_trade_no=ord_x&money=1.00&trade_status=TRADE_SUCCESS&sign=00&sign_type=MD5")),
        new Case("epay nul", epay, "application/x-www-form-urlencoded", Map.of(), bytes("out_trade_no=a%00b&sign=%00")),
        new Case("epay bad escape", epay, "application/x-www-form-urlencoded", Map.of(), bytes("out_trade_no=%ZZ&sign=%C3%28")),
        new Case("epay 10 KB sign", epay + "?sign=" + "b".repeat(10_000), null, Map.of(), null));

    Map<String, String> before = DatabaseFingerprint.of(jdbc);
    List<String> wrong = new ArrayList<>();
    for (Case c : cases) {
      Map<String, String> headers = new java.util.HashMap<>(c.headers());
      if (c.contentType() != null) {
        headers.put("Content-Type", c.contentType());
      }
      RawHttp.Response r = RawHttp.send(port, "POST", c.target(), headers, c.body());
      if (r.status() < 400 || r.status() > 499 || !r.contentType().startsWith("application/problem+json")
          || !r.body().contains("\"code\":\"")) {
        wrong.add(c.name() + ": " + r);
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(DatabaseFingerprint.changed(before, DatabaseFingerprint.of(jdbc))).isEmpty();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(String head, byte[] middle, String tail) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(bytes(head));
    out.writeBytes(middle);
    out.writeBytes(bytes(tail));
    return out.toByteArray();
  }
}
