package dev.tollgate.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.Api;
import dev.tollgate.server.support.ServerTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;

class AuditLogTest extends ServerTest {
  private static final Instant NOW = Instant.parse("2031-04-05T06:07:08Z");

  @AfterEach
  void releaseClock() {
    api().delete("/v1/test/clock");
  }

  private Api.Response ok(Api.Response r, int status) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    return r;
  }

  private String account() {
    String id = uniqueId("aud");
    ok(api().post("/v1/accounts", "{\"id\":\"" + id + "\",\"name\":\"" + id + "\"}"), 201);
    return id;
  }

  private List<JsonNode> audit(String query) {
    Api.Response r = ok(api().get("/v1/audit?" + query), 200);
    List<JsonNode> items = new ArrayList<>();
    r.json().get("items").forEach(items::add);
    return items;
  }

  private JsonNode onlyEventFor(String target, String action) {
    List<JsonNode> events = audit("target=" + enc(target) + "&action=" + enc(action));
    assertThat(events).as("audit of %s %s", action, target).hasSize(1);
    return events.get(0);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void recordsEveryKindOfOperatorChangeWithWhoWhenAndWhat() {
    ok(api().put("/v1/test/clock", "{\"now\":\"" + NOW + "\"}"), 200);
    String acct = account();
    String meter = uniqueId("aud-model");
    String pkg = uniqueId("aud-pkg");
    ok(api().put("/v1/prices/" + meter, "{\"mode\":\"token\",\"currency\":\"USD\",\"inputPer1M\":\"1.00\",\"outputPer1M\":\"2.00\"}"), 200);
    ok(api().put("/v1/packages/" + pkg, "{\"name\":\"Audit pack\",\"kind\":\"addon\",\"denomination\":\"money\","
        + "\"amount\":\"20\",\"price\":\"15\",\"currency\":\"USD\",\"validity\":\"P1Y\"}"), 200);
    String grant = ok(api().post("/v1/accounts/" + acct + "/grants",
        "{\"kind\":\"promo\",\"denomination\":\"money\",\"amount\":\"3.00\"}"), 201).text("id");
    ok(api().put("/v1/accounts/" + acct + "/settings", "{\"prepaidAmount\":\"0.40\"}"), 200);
    String description = uniqueId("audit promo");
    ok(api().post("/v1/redemption-codes", "{\"kind\":\"balance\",\"amount\":\"1\",\"description\":\"" + description + "\"}"), 201);

    JsonNode price = onlyEventFor(meter, "PUT /v1/prices/{*meter}");
    assertThat(price.get("actor").asString()).isEqualTo("admin-token");
    assertThat(price.get("occurredAt").asString()).isEqualTo(NOW.toString());
    assertThat(price.get("status").asInt()).isEqualTo(200);
    assertThat(price.get("path").asString()).isEqualTo("/v1/prices/" + meter);
    assertThat(price.get("details").get("body").get("inputPer1M").asString()).isEqualTo("1.00");

    assertThat(onlyEventFor(pkg, "PUT /v1/packages/{id}").get("details").get("body").get("name").asString())
        .isEqualTo("Audit pack");
    JsonNode grantEvent = onlyEventFor(acct, "POST /v1/accounts/{id}/grants");
    assertThat(grantEvent.get("status").asInt()).isEqualTo(201);
    assertThat(grantEvent.get("details").get("body").get("amount").asString()).isEqualTo("3.00");
    assertThat(grant).isNotNull();
    assertThat(onlyEventFor(acct, "PUT /v1/accounts/{id}/settings").get("details").get("body").get("prepaidAmount").asString())
        .isEqualTo("0.40");
    assertThat(audit("action=" + enc("POST /v1/redemption-codes") + "&from=" + NOW + "&to=" + NOW.plusSeconds(1)))
        .anySatisfy(e -> assertThat(e.get("details").get("body").get("description").asString()).isEqualTo(description));
    assertThat(onlyEventFor(acct, "POST /v1/accounts").get("actor").asString()).isEqualTo("admin-token");
  }

  @Test
  void neverKeepsACodeValueOrAWebhookSecret() {
    String acct = account();
    String code = ok(api().post("/v1/redemption-codes", "{\"kind\":\"balance\",\"amount\":\"2\"}"), 201)
        .json().get("codes").get(0).asString();
    ok(api().post("/v1/accounts/" + acct + "/redeem", "{\"code\":\"" + code + "\"}"), 200);
    String secret = "whsec-" + uniqueId("audit-secret-value");
    ok(api().put("/v1/accounts/" + acct + "/notifications/settings", "{\"webhookSecret\":\"" + secret + "\"}"), 200);

    List<JsonNode> events = audit("target=" + enc(acct));
    assertThat(events).extracting(e -> e.get("action").asString())
        .contains("POST /v1/accounts/{id}/redeem", "PUT /v1/accounts/{id}/notifications/settings");
    String all = events.toString() + audit("action=" + enc("POST /v1/redemption-codes") + "&limit=200");
    assertThat(all).doesNotContain(code).doesNotContain(secret).contains(SecretRedaction.REDACTED);
  }

  @Test
  void aRefusedChangeAndAHotPathSettleRecordNothing() {
    String acct = account();
    assertThat(api().put("/v1/accounts/" + acct + "/settings", "{\"billingMode\":\"free-for-all\"}").status()).isEqualTo(422);
    assertThat(api().post("/v1/accounts/" + acct + "/grants", "{\"kind\":\"promo\"}").status()).isBetween(400, 499);
    ok(api().post("/v1/settle", "{\"requestId\":\"" + uniqueId("r") + "\",\"accountId\":\"" + acct
        + "\",\"meter\":\"" + uniqueId("no-price") + "\",\"status\":\"failed\"}"), 200);

    assertThat(audit("target=" + enc(acct))).extracting(e -> e.get("action").asString())
        .containsExactly("POST /v1/accounts");
    assertThat(audit("action=" + enc("POST /v1/settle"))).isEmpty();
  }

  @Test
  void pagesNewestFirstWithAKeysetCursor() {
    String acct = account();
    for (int i = 0; i < 3; i++) {
      ok(api().put("/v1/accounts/" + acct + "/settings", "{\"prepaidAmount\":\"0." + (i + 1) + "0\"}"), 200);
    }
    String action = enc("PUT /v1/accounts/{id}/settings");
    Api.Response first = ok(api().get("/v1/audit?target=" + enc(acct) + "&action=" + action + "&limit=2"), 200);
    assertThat(first.json().get("items")).hasSize(2);
    assertThat(first.json().get("items").get(0).get("details").get("body").get("prepaidAmount").asString()).isEqualTo("0.30");
    Api.Response second = ok(api().get("/v1/audit?target=" + enc(acct) + "&action=" + action + "&limit=2&cursor="
        + first.text("nextCursor")), 200);
    assertThat(second.json().get("items")).hasSize(1);
    assertThat(second.json().get("items").get(0).get("details").get("body").get("prepaidAmount").asString()).isEqualTo("0.10");
    assertThat(second.text("nextCursor")).isNull();
  }

  @Test
  void answersBadFiltersWithProblems() {
    assertThat(api().get("/v1/audit?from=yesterday").code()).isEqualTo("invalid_parameter");
    assertThat(api().get("/v1/audit?from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z").code()).isEqualTo("window_invalid");
    assertThat(api().get("/v1/audit?cursor=bm90LWEta2V5").code()).isEqualTo("cursor_invalid");
    assertThat(api().get("/v1/audit?limit=0").code()).isEqualTo("limit_invalid");
    assertThat(api().get("/v1/audit?actor=" + "a".repeat(AuditController.FILTER_LENGTH_MAX)).status()).isEqualTo(200);
    Api.Response tooLong = api().get("/v1/audit?actor=" + "a".repeat(AuditController.FILTER_LENGTH_MAX + 1));
    assertThat(tooLong.code()).isEqualTo("actor_invalid");
    assertThat(tooLong.contentType()).startsWith("application/problem+json");
  }

  @Autowired AuditStore store;
  @Autowired java.time.InstantSource clock;
  @Autowired tools.jackson.databind.json.JsonMapper json;

  @Test
  void takesTheActorAConsoleOrPortalNamesAndRedactsTheirForms() throws Exception {
    AuditFilter filter = new AuditFilter(store, clock, json);
    String operator = "operator:" + uniqueId("alice");
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/console/plans/pro-1");
    request.setContentType("application/x-www-form-urlencoded");
    request.addParameter("name", "Pro");
    request.addParameter("password", "hunter2-never-stored");
    MockHttpServletResponse response = new MockHttpServletResponse();
    filter.doFilter(request, response, (req, res) -> req.setAttribute(AuditFilter.ACTOR_ATTRIBUTE, operator));

    List<JsonNode> events = audit("actor=" + enc(operator));
    assertThat(events).hasSize(1);
    assertThat(events.get(0).get("path").asString()).isEqualTo("/console/plans/pro-1");
    assertThat(events.get(0).get("details").get("parameters").get("name").asString()).isEqualTo("Pro");
    assertThat(events.toString()).doesNotContain("hunter2-never-stored");

    MockHttpServletRequest portalRead = new MockHttpServletRequest("GET", "/portal/usage");
    filter.doFilter(portalRead, new MockHttpServletResponse(),
        (req, res) -> req.setAttribute(AuditFilter.ACTOR_ATTRIBUTE, "customer:" + operator));
    assertThat(audit("actor=" + enc("customer:" + operator))).as("reads are not recorded").isEmpty();
  }

  @Test
  void recognisesSecretNamesButNotIds() {
    assertThat(SecretRedaction.isSecretName("apiKeyId")).isFalse();
    assertThat(SecretRedaction.isSecretName("description")).isFalse();
    assertThat(SecretRedaction.isSecretName("code")).isTrue();
    assertThat(SecretRedaction.isSecretName("stripeWebhookSecret")).isTrue();
    assertThat(SecretRedaction.isSecretName("sign")).isTrue();
  }
}
