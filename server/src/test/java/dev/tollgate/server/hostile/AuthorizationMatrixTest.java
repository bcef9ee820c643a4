package dev.tollgate.server.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.clock.TollgateClock;
import dev.tollgate.server.security.AdminTokenFilter;
import dev.tollgate.server.security.AuthFailureLimiter;
import dev.tollgate.server.support.Api;
import dev.tollgate.server.support.OpenApiOperations;
import dev.tollgate.server.support.OpenApiOperations.Operation;
import dev.tollgate.server.support.ServerTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every operation of the OpenAPI document, without a token, with a wrong one, and with an
 * account's API key used as the bearer token: 401 problems that carry no data. Then the limit on
 * failed attempts per address.
 */
class AuthorizationMatrixTest extends ServerTest {
  /** What a refusal may contain: the problem fields, nothing of any account. */
  static final Set<String> PROBLEM_FIELDS = Set.of("type", "title", "status", "detail", "code", "field");
  static final String LOOPBACK = "127.0.0.1";

  @Autowired AuthFailureLimiter failures;
  @Autowired TollgateClock clock;

  @BeforeEach
  @AfterEach
  void forgetFailures() {
    failures.forget(LOOPBACK);
    clock.reset();
  }

  private static boolean isPublic(Operation op) {
    return op.path().equals("/healthz") || AdminTokenFilter.SIGNED_PATHS.contains(op.path());
  }

  private Api.Response send(Api api, Operation op) {
    String body = op.hasJsonBody() ? "{}" : null;
    return api.send(op.method(), op.concretePath("matrix-x"), body, "application/json");
  }

  @Test
  void everyOperationRefusesAMissingAWrongAndAnApiKeyTokenWithAnEmptyProblem() {
    String account = uniqueId("matrix");
    assertThat(api().post("/v1/accounts", "{\"id\":\"" + account + "\",\"name\":\"m\"}").status()).isEqualTo(201);
    String apiKey = api().post("/v1/accounts/" + account + "/api-keys", "{}").text("key");
    List<String> wrong = new ArrayList<>();
    int checked = 0;
    for (Operation op : OpenApiOperations.read(api())) {
      if (isPublic(op)) {
        continue;
      }
      check(wrong, op, "no token", send(api().withToken(null), op), "missing_token");
      check(wrong, op, "wrong token", send(api().withToken("not-the-admin-token-" + op.method()), op), "invalid_token");
      check(wrong, op, "API key as token", send(api().withToken(apiKey), op), "invalid_token");
      failures.forget(LOOPBACK); // the matrix itself must not trip the limit
      checked++;
    }
    assertThat(checked).isGreaterThan(60);
    assertThat(wrong).isEmpty();
  }

  private static void check(List<String> wrong, Operation op, String how, Api.Response r, String code) {
    boolean ok = r.status() == 401 && r.contentType().startsWith("application/problem+json")
        && code.equals(r.code()) && PROBLEM_FIELDS.containsAll(r.json().propertyNames());
    if (!ok) {
      wrong.add(op.id() + " with " + how + ": " + r);
    }
  }

  @Test
  void anAddressPastItsFailureLimitIsRefusedEvenWithTheRightTokenUntilTheWindowEnds() {
    Instant start = Instant.parse("2032-02-02T10:00:00Z");
    clock.set(start);
    Api wrong = api().withToken("guess-guess-guess-guess");
    for (int i = 1; i < failures.failuresMax(); i++) {
      assertThat(wrong.get("/v1/accounts").code()).isEqualTo("invalid_token");
    }
    assertThat(api().get("/v1/accounts").status()).as("one below the limit").isEqualTo(200);
    assertThat(wrong.get("/v1/accounts").code()).as("the failure at the limit").isEqualTo("invalid_token");

    Api.Response blocked = api().send("GET", "/v1/accounts", null, "application/json");
    assertThat(blocked.status()).as("one past the limit, even with the right token").isEqualTo(429);
    assertThat(blocked.code()).isEqualTo("too_many_auth_failures");
    assertThat(blocked.contentType()).startsWith("application/problem+json");
    assertThat(retryAfterSeconds()).isEqualTo(failures.window().toSeconds());

    clock.set(start.plus(failures.window()).minusSeconds(1));
    assertThat(api().get("/v1/accounts").status()).as("still inside the window").isEqualTo(429);
    clock.set(start.plus(failures.window()));
    assertThat(api().get("/v1/accounts").status()).as("the window is over").isEqualTo(200);
  }

  @Test
  void aMissingTokenIsNotAGuessAndDoesNotCount() {
    for (int i = 0; i < failures.failuresMax() + 1; i++) {
      assertThat(api().withToken(null).get("/v1/accounts").code()).isEqualTo("missing_token");
    }
    assertThat(api().get("/v1/accounts").status()).isEqualTo(200);
  }

  private long retryAfterSeconds() {
    java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(api().base() + "/v1/accounts"))
        .header("Authorization", "Bearer " + ADMIN_TOKEN).GET().build();
    try {
      var response = java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
      return Long.parseLong(response.headers().firstValue("Retry-After").orElse("-1"));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
