package dev.tollgate.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.Api;
import dev.tollgate.server.support.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ExternalStoreTest extends ServerTest {
  @Autowired StoreConfiguration.EmbeddedStoreHolder embedded;

  @Test
  void embedsNothingWhenADatabaseUrlIsSet() {
    assertThat(embedded.store()).isNull();
    Api.Response response = api().get("/v1/system/store");
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.text("mode")).isEqualTo("external");
    assertThat(response.text("postgresVersion")).startsWith("18.");
    assertThat(response.text("collation")).isEqualTo("builtin C.UTF-8");
    assertThat(response.json().get("bytewiseCollation").asBoolean()).isTrue();
  }
}
