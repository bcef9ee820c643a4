package dev.tollgate.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The filter's decisions without a server: actor, CSRF, permissions by path. */
class ConsoleFilterTest {
  private static final ConsoleUser BILLER = new ConsoleUser("bea", Role.BILLING, false, "csrf-1");

  private static ConsoleFilter filterFor(ConsoleUser user) {
    return new ConsoleFilter(new ConsoleSessions(null, null, null) {
      @Override
      public Optional<ConsoleUser> resume(String id) {
        return "sid".equals(id) ? Optional.of(user) : Optional.empty();
      }
    });
  }

  private static MockHttpServletRequest request(String method, String path) {
    MockHttpServletRequest request = new MockHttpServletRequest(method, path);
    request.setCookies(new jakarta.servlet.http.Cookie(ConsoleCookies.SESSION, "sid"));
    return request;
  }

  @Test
  void aSignedInRequestCarriesTheActorForTheAuditLogBeforeAnyChange() throws Exception {
    MockHttpServletRequest request = request("POST", "/console/pricing");
    request.addHeader(ConsoleFilter.CSRF_HEADER, "csrf-1");
    MockFilterChain chain = new MockFilterChain();
    filterFor(BILLER).doFilter(request, new MockHttpServletResponse(), chain);
    assertThat(chain.getRequest()).as("passed on").isNotNull();
    assertThat(request.getAttribute("dev.tollgate.actor")).isEqualTo("operator:bea");

    MockHttpServletRequest admin = request("GET", "/console/usage");
    filterFor(new ConsoleUser("admin", Role.ADMINISTRATOR, true, "x")).doFilter(admin, new MockHttpServletResponse(), new MockFilterChain());
    assertThat(admin.getAttribute("dev.tollgate.actor")).isEqualTo("admin");
  }

  @Test
  void aWriteWithoutTheSessionsCsrfTokenDoesNotReachTheController() throws Exception {
    for (String token : new String[] {null, "csrf-2", ""}) {
      MockHttpServletRequest request = request("POST", "/console/pricing");
      if (token != null) {
        request.addParameter("_csrf", token);
      }
      MockHttpServletResponse response = new MockHttpServletResponse();
      MockFilterChain chain = new MockFilterChain();
      filterFor(BILLER).doFilter(request, response, chain);
      assertThat(chain.getRequest()).as("token %s", token).isNull();
      assertThat(response.getStatus()).isEqualTo(403);
      assertThat(response.getForwardedUrl()).isEqualTo(ConsoleFilter.FORBIDDEN_PATH);
    }
  }

  @Test
  void withoutASessionAPageRedirectsToSignInAndTheHeadersAreStillSet() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/console/usage");
    MockHttpServletResponse response = new MockHttpServletResponse();
    filterFor(BILLER).doFilter(request, response, new MockFilterChain());
    assertThat(response.getStatus()).isEqualTo(303);
    assertThat(response.getHeader("Location")).isEqualTo("/console/login");
    assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
  }

  @Test
  void eachRoleReachesExactlyItsPages() {
    assertThat(ConsoleFilter.required("/console/usage", true)).isEqualTo(Permission.READ);
    assertThat(ConsoleFilter.required("/console/accounts/a-1", true)).isEqualTo(Permission.READ);
    assertThat(ConsoleFilter.required("/console/pricing", true)).isEqualTo(Permission.BILLING);
    assertThat(ConsoleFilter.required("/console/billing/payments", true)).isEqualTo(Permission.BILLING);
    assertThat(ConsoleFilter.required("/console/codes/c-1/delete", false)).isEqualTo(Permission.BILLING);
    assertThat(ConsoleFilter.required("/console/operators", true)).isEqualTo(Permission.ADMINISTER);
    assertThat(ConsoleFilter.required("/console/usage", false)).as("a write elsewhere").isEqualTo(Permission.BILLING);
    assertThat(ConsoleFilter.required("/console/logout", false)).isEqualTo(Permission.READ);
    assertThat(ConsoleFilter.required("/console/pricingx", true)).as("a prefix is a path segment").isEqualTo(Permission.READ);
    assertThat(Role.READ_ONLY.may(Permission.BILLING)).isFalse();
    assertThat(Role.BILLING.may(Permission.ADMINISTER)).isFalse();
    assertThat(Role.ADMINISTRATOR.may(Permission.ADMINISTER)).isTrue();
  }
}
