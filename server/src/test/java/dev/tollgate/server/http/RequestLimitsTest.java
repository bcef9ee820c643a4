package dev.tollgate.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.Api;
import dev.tollgate.server.support.RawHttp;
import dev.tollgate.server.support.ServerTest;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.util.unit.DataSize;

/** The named limits of a request's head, and the hostile values the fuzz test found, one by one. */
class RequestLimitsTest extends ServerTest {
  @Value("${server.max-http-request-header-size}") DataSize configuredHeadSize;

  @AfterEach
  void releaseClock() {
    api().delete("/v1/test/clock");
  }

  private RawHttp.Response headOfSize(int totalBytes) {
    String head = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\nX-Pad: ";
    String pad = "p".repeat(totalBytes - head.length() - 4);
    return RawHttp.send(port, "GET", "/healthz", Map.of("X-Pad", pad), null);
  }

  private static void assertProblem(RawHttp.Response r, int status, String code) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.body()).contains("\"code\":\"" + code + "\"");
  }

  @Test
  void acceptsARequestHeadAtTheLimitAndRefusesOneByteMoreAsAProblem() {
    assertThat(configuredHeadSize.toBytes()).isEqualTo(RequestLimits.HEAD_BYTES_MAX);
    assertThat(headOfSize(RequestLimits.HEAD_BYTES_MAX).status()).isEqualTo(200);
    assertProblem(headOfSize(RequestLimits.HEAD_BYTES_MAX + 1), 431, "headers_too_large");
  }

  @Test
  void limitsTheUrlByTheSameNumber() {
    String line = "GET  HTTP/1.1\r\n";
    String headers = "Host: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n";
    String prefix = "/v1/accounts/";
    int idAtLimit = RequestLimits.HEAD_BYTES_MAX - line.length() - headers.length() - prefix.length();
    RawHttp.Response atLimit = RawHttp.send(port, "GET", prefix + "a".repeat(idAtLimit), Map.of(), null);
    assertProblem(atLimit, 401, "missing_token"); // it reached the application
    assertProblem(RawHttp.send(port, "GET", prefix + "a".repeat(idAtLimit + 1), Map.of(), null), 431, "headers_too_large");
  }

  @Test
  void answersPathsTomcatRefusesAsProblems() {
    Map<String, String> auth = Map.of("Authorization", "Bearer " + ADMIN_TOKEN);
    assertProblem(RawHttp.send(port, "GET", "/v1/accounts/a%00b", auth, null), 400, "bad_request");
    assertProblem(RawHttp.send(port, "GET", "/v1/accounts/%C3%28", auth, null), 400, "bad_request");
    assertProblem(RawHttp.send(port, "GET", "/v1/accounts/%ZZ", auth, null), 400, "bad_request");
  }

  @Test
  void refusesAQueryParameterThatIsNotUtf8() {
    Map<String, String> auth = Map.of("Authorization", "Bearer " + ADMIN_TOKEN);
    assertProblem(RawHttp.send(port, "GET", "/v1/accounts?limit=%ZZ", auth, null), 400, "invalid_parameter");
    assertProblem(RawHttp.send(port, "GET", "/v1/redemption-codes?cursor=%C3%28", auth, null), 400, "invalid_parameter");
  }

  @Test
  void refusesAValueTheStoreCannotHoldInsteadOfFailing() {
    Api.Response r = api().get("/v1/redemption-codes:export?batchId=a%00b");
    assertThat(r.status()).as(r.toString()).isEqualTo(400);
    assertThat(r.code()).isEqualTo("value_not_storable");
  }

  @Test
  void refusesTextWithANulOrHalfASurrogatePairAndChangesNothing() {
    String before = api().get("/v1/payments/settings").body();
    Api.Response nul = api().put("/v1/payments/settings", "{\"epayMerchantId\":\"a\\u0000b\"}");
    assertThat(nul.status()).as(nul.toString()).isEqualTo(422);
    assertThat(nul.code()).isEqualTo("invalid_character");
    assertThat(nul.text("field")).isEqualTo("epayMerchantId");
    Api.Response half = api().put("/v1/payments/settings", "{\"epayMerchantId\":\"\\ud800\"}");
    assertThat(half.code()).isEqualTo("invalid_character");
    assertThat(api().put("/v1/payments/settings", "{\"epayMerchantId\":\"\\ud83d\\udcb8\"}").status())
        .as("a whole pair is fine").isEqualTo(200);
    api().put("/v1/payments/settings", before.contains("\"epayMerchantId\":null") ? "{\"epayMerchantId\":\"\"}" : "{}");
  }

  @Test
  void refusesAnInstantGivenAsANumberOrOutsideYearsOneTo9999() {
    Api.Response number = api().put("/v1/test/clock", "{\"now\":1e400}");
    assertThat(number.status()).as(number.toString()).isEqualTo(400);
    assertThat(number.code()).isEqualTo("invalid_type");
    Api.Response far = api().put("/v1/test/clock", "{\"now\":\"+999999999-12-31T23:59:59Z\"}");
    assertThat(far.status()).isEqualTo(422);
    assertThat(far.code()).isEqualTo("instant_out_of_range");
    assertThat(api().put("/v1/test/clock", "{\"now\":\"9999-12-31T23:59:59Z\"}").status()).isEqualTo(200);
    assertThat(api().get("/v1/test/clock").text("now")).isEqualTo("9999-12-31T23:59:59Z");
  }
}
