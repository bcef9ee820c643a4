package dev.tollgate.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.Api;
import dev.tollgate.server.support.ConsoleClient;
import dev.tollgate.server.support.ServerTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleSignInTest extends ServerTest {
  @org.springframework.beans.factory.annotation.Autowired dev.tollgate.server.security.AuthFailureLimiter failures;

  private ConsoleClient console() {
    return new ConsoleClient("http://127.0.0.1:" + port);
  }

  @Test
  void theAdminTokenSignsInAsAdministratorAndSignOutEndsTheSession() {
    ConsoleClient c = console();
    ConsoleClient.Page page = c.signIn(ADMIN_TOKEN);
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    assertThat(page.body()).contains("Usage log").contains("admin").contains("administrator").contains("Operators");

    ConsoleClient.Page out = c.post("/console/logout", Map.of("_csrf", page.csrf()));
    assertThat(out.body()).contains("Sign in with the admin token");
    assertThat(c.get("/console/usage").body()).contains("Sign in with the admin token");
  }

  @Test
  void aWrongTokenShowsAnErrorAndNoSession() {
    ConsoleClient c = console();
    ConsoleClient.Page page = c.signIn("tgo_not-a-token");
    assertThat(page.status()).isEqualTo(401);
    assertThat(page.body()).contains("That token is not valid");
    assertThat(c.get("/console/usage").response().uri().getPath()).isEqualTo("/console/login");
  }

  @Test
  void wrongTokensCountAgainstTheAddresssAuthFailureLimitAndPastItEvenTheRightTokenWaits() {
    failures.forget("127.0.0.1");
    try {
      for (int i = 0; i < failures.failuresMax(); i++) {
        assertThat(new ConsoleClient(api().base()).signIn("wrong-" + i).status()).isEqualTo(401);
      }
      ConsoleClient.Page blocked = new ConsoleClient(api().base()).signIn(ADMIN_TOKEN);
      assertThat(blocked.status()).isEqualTo(429);
      assertThat(blocked.header("Retry-After")).isNotBlank();
      assertThat(blocked.body()).contains("Too many wrong tokens");
    } finally {
      failures.forget("127.0.0.1");
    }
    assertThat(new ConsoleClient(api().base()).signIn(ADMIN_TOKEN).status()).isIn(200, 302, 303);
  }

  @Test
  void aSignInWithoutTheLoginFormTokenIsRefused() {
    ConsoleClient c = console();
    ConsoleClient.Page page = c.post("/console/login", Map.of("token", ADMIN_TOKEN));
    assertThat(page.status()).isEqualTo(403);
    assertThat(page.body()).contains("form had expired");
  }

  @Test
  void aFormPostWithoutTheCsrfTokenIsRefusedAndChangesNothing() {
    ConsoleClient c = console();
    c.signIn(ADMIN_TOKEN);
    String name = uniqueId("op").toLowerCase();
    ConsoleClient.Page refused = c.post("/console/operators", Map.of("name", name, "role", "billing"));
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.body()).contains("CSRF");
    ConsoleClient.Page wrong = c.post("/console/operators", Map.of("name", name, "role", "billing", "_csrf", "nope"));
    assertThat(wrong.status()).isEqualTo(403);
    assertThat(api().get("/v1/operators/" + name).status()).isEqualTo(404);
  }

  @Test
  void htmxSendsTheCsrfTokenAsAHeaderFromTheBody() {
    ConsoleClient c = console();
    ConsoleClient.Page page = c.signIn(ADMIN_TOKEN);
    assertThat(page.body()).contains("hx-headers=\"{&quot;X-CSRF-Token&quot;:&quot;" + page.csrf() + "&quot;}\"");
    String name = uniqueId("hx");
    ConsoleClient.Page created = c.post("/console/operators", Map.of("name", name, "role", "read_only"),
        Map.of("X-CSRF-Token", page.csrf()));
    assertThat(created.status()).isEqualTo(200);
    assertThat(created.body()).contains("tgo_");
    assertThat(api().get("/v1/operators/" + name).status()).isEqualTo(200);
  }

  @Test
  void everyConsoleResponseCarriesTheSecureHeadersAndTheCookieIsStrict() {
    ConsoleClient c = console();
    ConsoleClient.Page login = c.get("/console/login");
    assertThat(login.header("Content-Security-Policy")).contains("script-src 'self'").doesNotContain("unsafe-inline");
    assertThat(login.header("X-Frame-Options")).isEqualTo("DENY");
    assertThat(login.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(login.header("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(login.header("Cache-Control")).isEqualTo("no-store");
    assertThat(login.header("Set-Cookie")).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/console");
    assertThat(login.body()).doesNotContain("<script>").doesNotContain("onclick");
  }

  @Test
  void aReadOnlyOperatorSeesNoBillingPagesAndCannotWrite() {
    Api.Response created = api().post("/v1/operators", "{\"name\":\"" + uniqueId("ro") + "\",\"role\":\"read_only\"}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    ConsoleClient c = console();
    ConsoleClient.Page home = c.signIn(created.text("token"));
    assertThat(home.status()).isEqualTo(200);
    assertThat(home.body()).contains("read_only").contains("Usage log").doesNotContain("Pricing").doesNotContain("Operators");

    ConsoleClient.Page pricing = c.get("/console/pricing");
    assertThat(pricing.status()).isEqualTo(403);
    assertThat(pricing.body()).contains("does not allow");
    assertThat(c.get("/console/reconciliation").status()).isEqualTo(200);
  }

  @Test
  void aDisabledOperatorIsSignedOutOnItsNextRequest() {
    String name = uniqueId("bill");
    Api.Response created = api().post("/v1/operators", "{\"name\":\"" + name + "\",\"role\":\"billing\"}");
    ConsoleClient c = console();
    assertThat(c.signIn(created.text("token")).body()).contains("Pricing").doesNotContain("Operators");
    assertThat(api().patch("/v1/operators/" + name, "{\"disabled\":true}").status()).isEqualTo(200);
    assertThat(c.get("/console/usage").response().uri().getPath()).isEqualTo("/console/login");
  }
}
