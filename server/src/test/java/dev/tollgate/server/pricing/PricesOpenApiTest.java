package dev.tollgate.server.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.Api;
import dev.tollgate.server.support.ServerTest;
import org.junit.jupiter.api.Test;

class PricesOpenApiTest extends ServerTest {
  @Test
  void listsThePricesPathsInTheOpenApiDocument() {
    Api.Response response = api().withToken(null).get("/v3/api-docs");
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().get("paths").propertyNames())
        .contains(
            "/v1/prices", "/v1/prices/{meter}", "/v1/prices:import", "/v1/prices:export", "/v1/quote",
            "/v1/tools", "/v1/tools/{name}", "/v1/price-groups", "/v1/price-groups/{id}",
            "/v1/service-tiers", "/v1/service-tiers/{name}");
  }
}
