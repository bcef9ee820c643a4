package dev.tollgate.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.Api;
import dev.tollgate.server.support.ServerTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A portal session is bound to one account: two accounts with usage, keys and a bill each; signed
 * in as A, every page and action is tried with B's ids, and nothing of B appears or changes.
 */
class PortalIsolationTest extends ServerTest {

  @AfterEach
  void backToTheSystemClock() {
    assertThat(api().delete("/v1/test/clock").status()).isEqualTo(200);
  }

  private record Customer(String id, String meter, String keyId, String keyPrefix, List<String> requestIds) {}

  private void clock(String now) {
    assertThat(api().put("/v1/test/clock", "{\"now\":\"" + now + "\"}").status()).isEqualTo(200);
  }

  private Customer customer(String name, int calls) {
    String id = uniqueId(name);
    Api.Response r = api().post("/v1/accounts", "{\"id\":\"" + id + "\",\"name\":\"Customer " + id + "\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    assertThat(api().put("/v1/accounts/" + id + "/settings", "{\"postpaidEnabled\":true}").status()).isEqualTo(200);
    String meter = uniqueId("iso-" + name);
    r = api().put("/v1/prices/" + meter, "{\"mode\":\"unit\",\"currency\":\"USD\",\"unitName\":\"picture\","
        + "\"perUnit\":\"0.50\",\"effectiveAt\":\"2024-01-01T00:00:00Z\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    Api.Response key = api().post("/v1/accounts/" + id + "/api-keys", "{\"remark\":\"key of " + id + "\"}");
    List<String> requests = new java.util.ArrayList<>();
    for (int i = 0; i < calls; i++) {
      String requestId = uniqueId("req-" + name);
      r = api().post("/v1/settle", "{\"requestId\":\"" + requestId + "\",\"apiKey\":\"" + key.text("key")
          + "\",\"meter\":\"" + meter + "\",\"status\":\"success\",\"usage\":{\"units\":1}}");
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      requests.add(requestId);
    }
    return new Customer(id, meter, key.text("id"), key.text("prefix"), requests);
  }

  private static void assertNothingOf(Customer b, PortalClient.Page page) {
    assertThat(page.body()).doesNotContain(b.id()).doesNotContain(b.meter()).doesNotContain(b.keyPrefix());
    b.requestIds().forEach(r -> assertThat(page.body()).doesNotContain(r));
  }

  @Test
  void aSessionOfOneAccountNeverShowsOrChangesAnotherAccount() {
    clock("2024-03-10T10:00:00Z");
    Customer a = customer("a", 2);
    Customer b = customer("b", 3);
    clock("2024-04-01T12:00:00Z");
    Api.Response run = api().post("/v1/bills:generate", "{\"month\":\"2024-03\"}");
    assertThat(run.status()).as(run.toString()).isEqualTo(200);
    String code = api().post("/v1/redemption-codes", "{\"kind\":\"balance\",\"amount\":\"5\"}")
        .json().get("codes").get(0).asString();

    PortalClient browser = new PortalClient(api().base());
    assertThat(browser.enter(api().post("/v1/accounts/" + a.id() + "/portal-links", null).text("url")).status())
        .isEqualTo(200);

    for (String path : List.of("/portal", "/portal/usage", "/portal/keys", "/portal/bills", "/portal/bills/2024-03",
        "/portal/redeem")) {
      for (String query : List.of("", "?accountId=" + b.id(), "?id=" + b.id() + "&account=" + b.id())) {
        PortalClient.Page page = browser.get(path + query);
        assertThat(page.status()).as(path + query + " " + page).isEqualTo(200);
        assertThat(page.body()).as(path).contains(a.id());
        assertNothingOf(b, page);
      }
    }
    assertThat(browser.get("/portal/usage").body()).contains(a.meter()).contains(a.requestIds().get(0));
    assertThat(browser.get("/portal/keys").body()).contains(a.keyPrefix());
    // A's bill (2 × 0.50), not B's (3 × 0.50), for the month both have.
    assertThat(browser.get("/portal/bills/2024-03").body()).contains("1.00").doesNotContain("1.50");

    String csrf = browser.get("/portal/keys").csrf();
    PortalClient.Page deleteB = browser.post("/portal/keys/" + b.keyId() + "/delete", Map.of("_csrf", csrf));
    assertThat(deleteB.status()).isEqualTo(404);
    assertThat(deleteB.body()).contains("api_key_not_found");
    assertThat(api().get("/v1/accounts/" + b.id() + "/api-keys").json().get("items").size()).isEqualTo(1);

    PortalClient.Page created = browser.post("/portal/keys?accountId=" + b.id(),
        Map.of("_csrf", csrf, "remark", "mine", "accountId", b.id()));
    assertThat(created.status()).isEqualTo(200);
    assertThat(api().get("/v1/accounts/" + b.id() + "/api-keys").json().get("items").size()).isEqualTo(1);
    assertThat(api().get("/v1/accounts/" + a.id() + "/api-keys").json().get("items").size()).isEqualTo(2);

    String walletB = api().get("/v1/accounts/" + b.id() + "/balance").text("wallet");
    PortalClient.Page redeemed = browser.post("/portal/redeem?accountId=" + b.id(),
        Map.of("_csrf", csrf, "code", code, "accountId", b.id()));
    assertThat(redeemed.status()).as(redeemed.toString()).isEqualTo(200);
    assertNothingOf(b, redeemed);
    assertThat(api().get("/v1/accounts/" + b.id() + "/balance").text("wallet")).isEqualTo(walletB);
    assertThat(api().get("/v1/accounts/" + a.id() + "/balance").text("wallet")).isEqualTo("5.00");
  }
}
