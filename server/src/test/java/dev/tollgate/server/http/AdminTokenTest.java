package dev.tollgate.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.Api;
import dev.tollgate.server.support.ServerTest;
import org.junit.jupiter.api.Test;

class AdminTokenTest extends ServerTest {

  @Test
  void refusesARequestWithoutATokenWithMissingToken() {
    Api.Response response = api().withToken(null).get("/v1/accounts");
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.code()).isEqualTo("missing_token");
  }

  @Test
  void refusesAWrongTokenWithInvalidToken() {
    Api.Response response = api().withToken("not-the-admin-token-at-all").get("/v1/accounts");
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.code()).isEqualTo("invalid_token");
    assertThat(response.body()).doesNotContain(ADMIN_TOKEN);
  }

  @Test
  void refusesAnUnknownV1RouteWithoutATokenAsUnauthorisedNotAsMissing() {
    // Unauthenticated callers learn nothing about which routes exist.
    assertThat(api().withToken(null).get("/v1/secret-route").status()).isEqualTo(401);
  }

  @Test
  void servesHealthWithoutAToken() {
    Api.Response response = api().withToken(null).get("/healthz");
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.text("status")).isEqualTo("UP");
  }
}
