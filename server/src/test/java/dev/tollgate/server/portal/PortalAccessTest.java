package dev.tollgate.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.Api;
import dev.tollgate.server.support.ServerTest;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PortalAccessTest extends ServerTest {

  @AfterEach
  void backToTheSystemClock() {
    assertThat(api().delete("/v1/test/clock").status()).isEqualTo(200);
  }

  private String account() {
    String id = uniqueId("portal");
    Api.Response r = api().post("/v1/accounts", "{\"id\":\"" + id + "\",\"name\":\"Portal " + id + "\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return id;
  }

  private Api.Response link(String accountId, String body) {
    return api().post("/v1/accounts/" + accountId + "/portal-links", body);
  }

  private PortalClient client() {
    return new PortalClient(api().base());
  }

  private void clock(Instant now) {
    assertThat(api().put("/v1/test/clock", "{\"now\":\"" + now + "\"}").status()).isEqualTo(200);
  }

  @Test
  void aSignedLinkOpensTheAccountsDashboardOnce() {
    String acct = account();
    Api.Response created = link(acct, null);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String url = created.text("url");
    assertThat(url).startsWith(api().base() + "/portal/enter?t=");

    PortalClient browser = client();
    PortalClient.Page dashboard = browser.enter(url);
    assertThat(dashboard.status()).as(dashboard.toString()).isEqualTo(200);
    assertThat(dashboard.body()).contains("Resources").contains(acct);

    PortalClient.Page again = client().enter(url);
    assertThat(again.status()).isEqualTo(410);
    assertThat(again.body()).contains("portal_link_used");
    assertThat(client().enter(api().base() + "/portal/enter?t=forged").body()).contains("portal_link_invalid");
  }

  @Test
  void aLinkWorksUntilItsExpiryAndNotAtIt() {
    String acct = account();
    clock(Instant.parse("2026-06-01T10:00:00Z"));
    String first = link(acct, "{\"ttlSeconds\":60}").text("url");
    String second = link(acct, "{\"ttlSeconds\":60}").text("url");
    clock(Instant.parse("2026-06-01T10:00:59.999999Z"));
    assertThat(client().enter(first).status()).isEqualTo(200);
    clock(Instant.parse("2026-06-01T10:01:00Z"));
    PortalClient.Page expired = client().enter(second);
    assertThat(expired.status()).isEqualTo(410);
    assertThat(expired.body()).contains("portal_link_expired");
  }

  @Test
  void aLinksLifetimeIsBoundedAtSevenDays() {
    String acct = account();
    assertThat(link(acct, "{\"ttlSeconds\":604800}").status()).isEqualTo(201);
    Api.Response tooLong = link(acct, "{\"ttlSeconds\":604801}");
    assertThat(tooLong.status()).isEqualTo(422);
    assertThat(tooLong.code()).isEqualTo("ttl_invalid");
    assertThat(link(acct, "{\"ttlSeconds\":0}").code()).isEqualTo("ttl_invalid");
    assertThat(link("nobody-" + acct, null).code()).isEqualTo("account_not_found");
    assertThat(link(acct, "{\"ttl\":5}").code()).isEqualTo("unknown_field");
  }

  @Test
  void aCustomerTokenSignsInUntilItIsRevokedAndRevokingEndsItsSessions() {
    String acct = account();
    Api.Response created = api().post("/v1/accounts/" + acct + "/portal-tokens", "{\"remark\":\"finance team\"}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String token = created.text("token");
    assertThat(token).startsWith("tgc_");
    Api.Response list = api().get("/v1/accounts/" + acct + "/portal-tokens");
    assertThat(list.json().get("items").get(0).get("remark").asString()).isEqualTo("finance team");
    assertThat(list.body()).doesNotContain(token);

    PortalClient browser = client();
    PortalClient.Page signedIn = browser.login(token);
    assertThat(signedIn.status()).isEqualTo(302);
    assertThat(signedIn.header("location")).endsWith("/portal");
    assertThat(browser.get("/portal").status()).isEqualTo(200);

    PortalClient.Page wrong = client().login("tgc_not-a-token");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.body()).contains("portal_token_invalid");

    String tokenId = created.text("id");
    assertThat(api().delete("/v1/accounts/" + acct + "/portal-tokens/" + tokenId).status()).isEqualTo(204);
    assertThat(browser.get("/portal").status()).isEqualTo(303);
    assertThat(client().login(token).status()).isEqualTo(401);
    assertThat(api().delete("/v1/accounts/" + acct + "/portal-tokens/pt_nope").code()).isEqualTo("portal_token_not_found");
  }

  @Test
  void anAccountHoldsAtMostTenLiveTokens() {
    String acct = account();
    for (int i = 0; i < PortalTokens.PER_ACCOUNT_MAX; i++) {
      assertThat(api().post("/v1/accounts/" + acct + "/portal-tokens", "{}").status()).isEqualTo(201);
    }
    Api.Response eleventh = api().post("/v1/accounts/" + acct + "/portal-tokens", "{}");
    assertThat(eleventh.status()).isEqualTo(409);
    assertThat(eleventh.code()).isEqualTo("portal_token_limit_reached");
    assertThat(api().post("/v1/accounts/" + acct + "/portal-tokens", "{\"remark\":\"" + "r".repeat(201) + "\"}").code())
        .isEqualTo("remark_too_long");
  }

  @Test
  void aSessionEndsAfterThirtyIdleMinutes() {
    String acct = account();
    Instant start = Instant.parse("2026-06-02T08:00:00Z");
    clock(start);
    PortalClient browser = client();
    assertThat(browser.enter(link(acct, null).text("url")).status()).isEqualTo(200);
    clock(start.plus(PortalSessions.IDLE_TIMEOUT).minusNanos(1000));
    assertThat(browser.get("/portal").status()).isEqualTo(200);
    Instant seen = start.plus(PortalSessions.IDLE_TIMEOUT).minusNanos(1000);
    clock(seen.plus(PortalSessions.IDLE_TIMEOUT));
    PortalClient.Page out = browser.get("/portal");
    assertThat(out.status()).isEqualTo(303);
    assertThat(out.header("location")).isEqualTo("/portal/login");
  }

  @Test
  void aSessionEndsTwelveHoursAfterItOpenedHoweverBusy() {
    String acct = account();
    Instant start = Instant.parse("2026-06-03T08:00:00Z");
    clock(start);
    PortalClient browser = client();
    assertThat(browser.enter(link(acct, null).text("url")).status()).isEqualTo(200);
    for (Instant t = start.plus(PortalSessions.IDLE_TIMEOUT.dividedBy(2));
        t.isBefore(start.plus(PortalSessions.ABSOLUTE_TIMEOUT)); t = t.plus(PortalSessions.IDLE_TIMEOUT.dividedBy(2))) {
      clock(t);
      assertThat(browser.get("/portal/keys").status()).as("at " + t).isEqualTo(200);
    }
    clock(start.plus(PortalSessions.ABSOLUTE_TIMEOUT).minusNanos(1000));
    assertThat(browser.get("/portal/keys").status()).isEqualTo(200);
    clock(start.plus(PortalSessions.ABSOLUTE_TIMEOUT));
    assertThat(browser.get("/portal/keys").status()).isEqualTo(303);
  }

  @Test
  void everyChangeNeedsTheSessionsCsrfToken() {
    String acct = account();
    PortalClient browser = client();
    PortalClient.Page keys = browser.enter(link(acct, null).text("url"));
    String csrf = browser.get("/portal/keys").csrf();
    assertThat(csrf).isNotBlank();

    PortalClient.Page missing = browser.post("/portal/keys", Map.of("remark", "x"));
    assertThat(missing.status()).isEqualTo(403);
    assertThat(missing.body()).contains("csrf_invalid");
    assertThat(browser.post("/portal/keys", Map.of("remark", "x", "_csrf", csrf + "x")).status()).isEqualTo(403);
    assertThat(api().get("/v1/accounts/" + acct + "/api-keys").json().get("items").size()).isZero();

    PortalClient.Page created = browser.post("/portal/keys", Map.of("remark", "x", "_csrf", csrf));
    assertThat(created.status()).isEqualTo(200);
    assertThat(created.body()).contains("shown this once");
    // The login form has no session yet: its token is a double-submit cookie.
    PortalClient stranger = client();
    assertThat(stranger.post("/portal/login", Map.of("token", "tgc_x", "_csrf", "guess")).status()).isEqualTo(403);
  }

  @Test
  void portalResponsesCarryTheSecureHeadersAndAStrictHttpOnlyCookie() {
    String acct = account();
    PortalClient browser = client();
    PortalClient.Page landing = browser.get("/portal/enter?t=" + link(acct, null).text("url").split("t=")[1]);
    assertThat(landing.status()).isEqualTo(200);
    String cookie = landing.setCookies().stream().filter(c -> c.startsWith(PortalCookies.SESSION + "=")).findFirst().orElseThrow();
    assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/portal").doesNotContain("Secure");
    assertThat(landing.body()).contains("http-equiv=\"refresh\"");
    for (String path : new String[] {"/portal", "/portal/login", "/portal/usage"}) {
      PortalClient.Page p = browser.get(path);
      assertThat(p.header("content-security-policy")).as(path).contains("script-src 'self'").doesNotContain("unsafe-inline");
      assertThat(p.header("x-frame-options")).isEqualTo("DENY");
      assertThat(p.header("x-content-type-options")).isEqualTo("nosniff");
      assertThat(p.header("referrer-policy")).isEqualTo("no-referrer");
      assertThat(p.header("cache-control")).isEqualTo("no-store");
    }
    assertThat(client().get("/portal").status()).isEqualTo(303);
  }

  @Test
  void signingOutEndsTheSession() {
    String acct = account();
    PortalClient browser = client();
    browser.enter(link(acct, null).text("url"));
    String session = browser.cookies.get(PortalCookies.SESSION);
    String csrf = browser.get("/portal/keys").csrf();
    assertThat(browser.post("/portal/logout", Map.of("_csrf", csrf)).status()).isEqualTo(302);
    browser.cookies.put(PortalCookies.SESSION, session);
    assertThat(browser.get("/portal").status()).isEqualTo(303);
  }
}
