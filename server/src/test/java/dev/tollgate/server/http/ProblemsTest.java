package dev.tollgate.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.Api;
import dev.tollgate.server.support.ServerTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProblemsTest extends ServerTest {

  static Stream<Arguments> badBodies() {
    return Stream.of(
        Arguments.of("not JSON at all", "{\"id\":", 400, "malformed_json"),
        Arguments.of("trailing garbage", "{\"id\":\"a\",\"name\":\"b\"} x", 400, "malformed_json"),
        Arguments.of("an array instead of an object", "[1,2]", 400, "invalid_body"),
        Arguments.of("a number where text belongs", "{\"id\":12,\"name\":\"b\"}", 400, "invalid_type"),
        Arguments.of("an object where text belongs", "{\"id\":{},\"name\":\"b\"}", 400, "invalid_type"),
        Arguments.of("an unknown field", "{\"id\":\"a\",\"name\":\"b\",\"nmae\":\"c\"}", 400, "unknown_field"),
        Arguments.of("a repeated field", "{\"id\":\"a\",\"id\":\"b\",\"name\":\"b\"}", 400, "malformed_json"),
        Arguments.of("deep nesting where text belongs", "{\"id\":" + "[".repeat(40) + "]".repeat(40) + "}", 400, "invalid_type"),
        Arguments.of("a missing required field", "{\"name\":\"b\"}", 422, "missing_field"),
        Arguments.of("an empty body", "", 400, "missing_body"));
  }

  @ParameterizedTest(name = "{0} → {2} {3}")
  @MethodSource("badBodies")
  void answersEveryBadBodyWithAProblemAndChangesNothing(String what, String body, int status, String code) {
    Api.Response response = api().post("/v1/accounts", body);
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.code()).isEqualTo(code);
    assertThat(response.json().get("type").asString()).isEqualTo("/problems/" + code);
    assertThat(response.json().get("status").asInt()).isEqualTo(status);
    assertThat(response.text("title")).isNotBlank();
    assertThat(response.text("detail")).isNotBlank();
    assertThat(api().get("/v1/accounts/a").status()).isEqualTo(404);
  }

  @Test
  void namesTheFieldOfAWrongType() {
    Api.Response response = api().put("/v1/accounts/x/settings", "{\"postpaidEnabled\":\"yes\"}");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.code()).isEqualTo("invalid_type");
    assertThat(response.text("field")).isEqualTo("postpaidEnabled");
  }

  @Test
  void answersAnUnknownRouteWith404NotFound() {
    Api.Response response = api().get("/v1/no-such-thing");
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.code()).isEqualTo("not_found");
  }

  @Test
  void answersAWrongMethodWith405() {
    Api.Response response = api().delete("/v1/accounts");
    assertThat(response.status()).isEqualTo(405);
    assertThat(response.code()).isEqualTo("method_not_allowed");
  }

  @Test
  void answersANonJsonBodyWith415() {
    Api.Response response = api().send("POST", "/v1/accounts", "id=a", "application/x-www-form-urlencoded");
    assertThat(response.status()).isEqualTo(415);
    assertThat(response.code()).isEqualTo("unsupported_media_type");
  }

  @Test
  void refusesADeclaredBodyOverTheLimitBeforeReadingIt() {
    String body = "{\"id\":\"big\",\"name\":\"" + "x".repeat(1_100_000) + "\"}";
    Api.Response response = api().post("/v1/accounts", body);
    assertThat(response.status()).isEqualTo(413);
    assertThat(response.code()).isEqualTo("body_too_large");
  }

  @Test
  void refusesAChunkedBodyThatGrowsOverTheLimit() {
    Api.Response response = postChunked("/v1/accounts", "{\"id\":\"big\",\"name\":\"" + "x".repeat(1_100_000) + "\"}");
    assertThat(response.status()).isEqualTo(413);
    assertThat(response.code()).isEqualTo("body_too_large");
  }

  @Test
  void refusesAChunkedSettleThatGrowsOverTheLimitOnTheLeanHotPath() {
    Api.Response response = postChunked(
        "/v1/settle", "{\"requestId\":\"big\",\"meter\":\"m\",\"route\":\"" + "x".repeat(1_100_000) + "\"}");
    assertThat(response.status()).isEqualTo(413);
    assertThat(response.code()).isEqualTo("body_too_large");
  }

  private Api.Response postChunked(String path, String body) {
    byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    HttpRequest request = HttpRequest.newBuilder(URI.create(api().base() + path))
        .header("Authorization", "Bearer " + ADMIN_TOKEN)
        .header("Content-Type", "application/json")
        // A publisher of unknown length makes the client send Transfer-Encoding: chunked.
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes)))
        .build();
    return Api.send(request);
  }

  @Test
  void acceptsABodyJustUnderTheLimit() {
    // Name validation refuses it (too long), which proves the body was read and parsed whole.
    String body = "{\"id\":\"" + uniqueId("near") + "\",\"name\":\"" + "x".repeat(1_000_000) + "\"}";
    Api.Response response = api().post("/v1/accounts", body);
    assertThat(response.status()).isEqualTo(422);
    assertThat(response.code()).isEqualTo("name_invalid");
  }
}
