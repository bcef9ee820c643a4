package dev.tollgate.server.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.server.config.TollgateProperties;
import dev.tollgate.server.support.Api;
import dev.tollgate.server.support.ServerTest;
import org.junit.jupiter.api.Test;

/** The shared test context runs without TOLLGATE_SECRETS_KEY: secrets cannot be stored there. */
class PaymentSecretsKeyTest extends ServerTest {

  @Test
  void refusesToStoreASecretWithoutTheSecretsKeyAndChangesNothing() {
    String before = api().get("/v1/payments/settings").body();
    Api.Response r = api().put("/v1/payments/settings", "{\"stripeWebhookSecret\":\"whsec_x\",\"usdCnyRate\":\"7.5\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(409);
    assertThat(r.code()).isEqualTo("secrets_key_missing");
    assertThat(api().get("/v1/payments/settings").body()).isEqualTo(before);
    assertThat(api().get("/v1/payments/settings").json().get("secretsKeyConfigured").asBoolean()).isFalse();
  }

  @Test
  void answersStripeWithProviderNotConfiguredWhenNoWebhookSecretExists() {
    Api.Response r = Api.send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create(api().base() + "/v1/payments/stripe/webhook"))
        .header("Content-Type", "application/json")
        .header("Stripe-Signature", "t=1,v1=00")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
        .build());
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.code()).isEqualTo("provider_not_configured");
  }

  @Test
  void rejectsAMalformedSecretsKeyAtStartUpWithAClearMessage() {
    assertThatThrownBy(() -> new TollgateProperties.Payments("not base64!", null, null, null, null))
        .hasMessageContaining("TOLLGATE_SECRETS_KEY must be base64");
    assertThatThrownBy(() -> new TollgateProperties.Payments("AAECAwQ=", null, null, null, null))
        .hasMessageContaining("exactly 32 bytes");
    assertThatThrownBy(() -> new TollgateProperties.Payments(null, null, null, null, 0L))
        .hasMessageContaining("TOLLGATE_STRIPE_TOLERANCE_SECONDS");
    assertThat(new TollgateProperties.Payments(PaymentsTest.SECRETS_KEY, null, null, null, null).stripeToleranceSeconds())
        .isEqualTo(300);
  }
}
