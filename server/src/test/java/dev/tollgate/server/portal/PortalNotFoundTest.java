package dev.tollgate.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.ServerTest;
import org.junit.jupiter.api.Test;

/** A mistyped portal address is a page in the portal, not a JSON problem. */
class PortalNotFoundTest extends ServerTest {
  @Test
  void aSignedInCustomerMeetsThePortalsOwnNotFoundPage() {
    String acct = uniqueId("portal-404");
    assertThat(api().post("/v1/accounts", "{\"id\":\"" + acct + "\",\"name\":\"Lost\"}").status()).isEqualTo(201);
    String token = api().post("/v1/accounts/" + acct + "/portal-tokens", "{}").text("token");
    PortalClient browser = new PortalClient(api().base());
    browser.login(token);

    PortalClient.Page page = browser.get("/portal/no-such-page");
    assertThat(page.status()).isEqualTo(404);
    assertThat(page.header("Content-Type")).startsWith("text/html");
    assertThat(page.body()).contains("Not found").contains("There is no portal page at /portal/no-such-page.")
        .contains("not_found");
  }
}
