package dev.tollgate.server.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.Api;
import dev.tollgate.server.support.ServerTest;
import org.junit.jupiter.api.Test;

class ObservabilityTest extends ServerTest {

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
}
