package dev.tollgate.server.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.Api;
import dev.tollgate.server.support.ServerTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class ObservabilityTest extends ServerTest {

  @Test
  void neverLogsTokensKeysCodesOrSecrets(CapturedOutput output) {
    String wrongToken = "wrong-admin-token-" + UUID.randomUUID();
    String account = uniqueId("logs");
    assertThat(api().post("/v1/accounts", "{\"id\":\"" + account + "\",\"name\":\"l\"}").status()).isEqualTo(201);
    String apiKey = api().post("/v1/accounts/" + account + "/api-keys", "{}").text("key");
    api().post("/v1/api-keys:verify", "{\"key\":\"" + apiKey + "\"}");
    api().post("/v1/authorize", "{\"requestId\":\"r1\",\"apiKey\":\"" + apiKey + "\",\"meter\":\"no-such-meter\"}");
    api().post("/v1/settle", "{\"requestId\":\"r1\",\"apiKey\":\"" + apiKey + "x\",\"meter\":\"m\",\"status\":\"success\"}");
    String code = api().post("/v1/redemption-codes", "{\"kind\":\"balance\",\"amount\":\"1\"}").json().get("codes").get(0).asString();
    api().post("/v1/accounts/" + account + "/redeem", "{\"code\":\"" + code + "\"}");
    String guessedCode = "ZZZZ-YYYY-XXXX-WWWW";
    api().post("/v1/accounts/" + account + "/redeem", "{\"code\":\"" + guessedCode + "\"}");
    String webhookSecret = "whsec-" + UUID.randomUUID();
    api().put("/v1/accounts/" + account + "/notifications/settings", "{\"webhookSecret\":\"" + webhookSecret + "\"}");
    api().put("/v1/accounts/" + account + "/notifications/settings", "{\"webhookSecret\":\"" + webhookSecret + "\\u0000\"}");
    String signature = "t=1,v1=" + UUID.randomUUID().toString().replace("-", "");
    api().withToken(null).send("POST", "/v1/payments/stripe/webhook", "{\"id\":\"evt_1\"}", "application/json");
    Api.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(api().base() + "/v1/payments/stripe/webhook"))
        .header("Stripe-Signature", signature).POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build());
    api().withToken(wrongToken).get("/v1/accounts");

    assertThat(apiKey).isNotBlank();
    for (String secret : List.of(ADMIN_TOKEN, wrongToken, apiKey, code, guessedCode, webhookSecret, signature)) {
      assertThat(output.getAll()).as("the log holds a secret").doesNotContain(secret);
    }
  }

  @Test
  void publishesAnOpenApiDescriptionOfEveryEndpoint() {
    Api.Response response = api().withToken(null).get("/v3/api-docs");
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().get("paths").propertyNames())
        .contains(
            "/healthz", "/v1/accounts", "/v1/accounts/{id}", "/v1/accounts/{id}/settings",
            "/v1/accounts/{id}/api-keys", "/v1/accounts/{id}/api-keys/{keyId}", "/v1/api-keys:verify",
            "/v1/test/clock");
  }

  @Test
  void servesABrowsableApiUi() {
    Api.Response response = api().withToken(null).get("/swagger-ui/index.html");
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).containsIgnoringCase("swagger");
  }

  @Test
  void exportsRequestTimersForPrometheus() {
    api().get("/v1/accounts");
    Api.Response response = api().withToken(null).get("/actuator/prometheus");
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).contains("http_server_requests_seconds");
  }

  @Test
  void exportsTheHotPathsLatencyAsHistogramBucketsForItsPercentiles() {
    api().post("/v1/authorize", "{\"requestId\":\"" + uniqueId("r") + "\",\"accountId\":\"a\",\"meter\":\"" + uniqueId("unpriced") + "\"}");
    Api.Response response = api().withToken(null).get("/actuator/prometheus");
    assertThat(response.status()).isEqualTo(200);
    List<String> refusedBuckets = response.body().lines()
        .filter(l -> l.startsWith("tollgate_hot_path_requests_seconds_bucket{"))
        .filter(l -> l.contains("route=\"authorize\"") && l.contains("outcome=\"refused\""))
        .toList();
    assertThat(refusedBuckets).as("buckets from 100 µs to 10 s").hasSizeGreaterThan(20);
    String all = refusedBuckets.stream().filter(l -> l.contains("le=\"+Inf\"")).findFirst().orElseThrow();
    assertThat(Double.parseDouble(all.substring(all.lastIndexOf(' ') + 1))).isGreaterThanOrEqualTo(1);
  }
}
