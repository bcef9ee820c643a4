package dev.tollgate.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.Api;
import dev.tollgate.server.support.Browser;
import dev.tollgate.server.support.ServerTest;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The console in headless Chromium, as an operator uses it; saves screenshots of the main pages. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest extends ServerTest {
  private static Browser browser;

  @BeforeEach
  void startBrowser() {
    if (browser == null) {
      browser = new Browser("http://127.0.0.1:" + port);
    }
    browser.driver().manage().deleteAllCookies();
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.close();
      browser = null;
    }
  }

  private void signIn(String token) {
    browser.open("/console/login");
    browser.type("#token", token);
    browser.find("button[type=submit]").click();
  }

  @Test
  @Order(1)
  void aWrongTokenShowsAnError() {
    browser.open("/console/login");
    browser.screenshot("console-login");
    signIn("not-the-token-at-all");
    assertThat(browser.await(".error").getText()).contains("That token is not valid");
    assertThat(browser.path()).isEqualTo("/console/login");
  }

  @Test
  @Order(2)
  void anOperatorPricesAMeterCreatesAPackageAndSeesSettledUsageInTheLogAndTheChart() {
    signIn(ADMIN_TOKEN);
    assertThat(browser.awaitPath("/console/usage")).isEqualTo("/console/usage");

    String meter = uniqueId("chat");
    browser.open("/console/pricing");
    browser.type("#meter", meter);
    browser.select("#mode", "token");
    browser.type("#inputPer1M", "3.00");
    browser.type("#outputPer1M", "15.00");
    browser.type("#cacheReadPer1M", "0.30");
    browser.type("#cacheWritePer1M", "3.75");
    browser.find("#price-form button[type=submit]").click();
    assertThat(browser.await(".notice").getText()).contains("Saved a token price for " + meter);
    browser.screenshot("console-pricing");
    // Other tests share the database, so the meter may be on a later page of the list; its history is one click away.
    browser.open("/console/pricing/meters/" + meter);
    assertThat(browser.find("table").getText()).contains("token").contains("in 3.00 · out 15.00");

    String packageId = uniqueId("pack");
    browser.open("/console/packages");
    browser.type("#id", packageId);
    browser.type("#name", "Ten dollars of calls");
    browser.select("#kind", "prepaid");
    browser.select("#denomination", "money");
    browser.type("#amount", "10.00");
    browser.type("#price", "9.00");
    browser.find("#package-form button[type=submit]").click();
    assertThat(browser.await(".notice").getText()).contains("Saved package " + packageId).contains("9.00 USD");
    assertThat(api().get("/v1/packages/" + packageId).text("amount")).isEqualTo("10.00");
    browser.screenshot("console-packages");

    String account = settleOneCall(meter);

    browser.open("/console/usage?accountId=" + account);
    String row = browser.await("#usage-table tbody tr").getText();
    // 1,000 × 3.00/1M + 500 × 15.00/1M + 2,000 × 0.30/1M = 0.003 + 0.0075 + 0.0006
    assertThat(row).contains(meter).contains("1000").contains("2000").contains("0.0111 USD").contains("eu-west");
    browser.screenshot("console-usage");
    browser.find("#usage-table details summary").click();
    assertThat(browser.find("#usage-table details pre").getText()).contains("\"mode\" : \"token\"");

    browser.open("/console/reports?accountId=" + account);
    browser.await("#meter-table-chart[data-drawn]");
    assertThat(browser.find("#meter-table").getText()).contains(meter).contains("0.0111");
    assertThat(browser.find("#day-table tbody").getText()).contains("1");
    browser.screenshot("console-reports");

    browser.open("/console/accounts/" + account);
    assertThat(browser.text()).contains(account);
    browser.screenshot("console-account");
    for (String page : new String[] {"accounts", "billing", "codes", "reconciliation", "operators"}) {
      browser.open("/console/" + page + ("reconciliation".equals(page) ? "?run=1&rootId=" + account : ""));
      assertThat(browser.find("h1").getText()).isNotBlank();
      browser.screenshot("console-" + page);
    }
  }

  @Test
  @Order(3)
  void aReadOnlyOperatorDoesNotSeeBillingPages() {
    Api.Response created = api().post("/v1/operators", "{\"name\":\"" + uniqueId("viewer") + "\",\"role\":\"read_only\"}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    signIn(created.text("token"));
    String nav = browser.await("nav.side").getText();
    assertThat(nav).contains("Usage log").contains("Reports").doesNotContain("Pricing").doesNotContain("Packages")
        .doesNotContain("Billing settings").doesNotContain("Operators");
    browser.open("/console/pricing");
    assertThat(browser.find("h1").getText()).isEqualTo("Not allowed");
    browser.screenshot("console-forbidden");
  }

  private String settleOneCall(String meter) {
    String account = uniqueId("buyer");
    Api api = api();
    assertThat(api.post("/v1/accounts", "{\"id\":\"" + account + "\",\"name\":\"Buyer\"}").status()).isEqualTo(201);
    assertThat(api.post("/v1/accounts/" + account + "/wallet/credits", "{\"amount\":\"5.00\",\"reason\":\"test\",\"idempotencyKey\":\""
        + UUID.randomUUID() + "\"}").status()).isEqualTo(201);
    String key = api.post("/v1/accounts/" + account + "/api-keys", "{}").text("key");
    Api.Response auth = api.post("/v1/authorize", "{\"requestId\":\"b-1\",\"apiKey\":\"" + key + "\",\"meter\":\"" + meter
        + "\",\"estimate\":{\"inputTokens\":1000,\"outputTokens\":500}}");
    assertThat(auth.status()).as(auth.toString()).isEqualTo(200);
    Api.Response settled = api.post("/v1/settle", "{\"requestId\":\"b-1\",\"apiKey\":\"" + key + "\",\"meter\":\"" + meter
        + "\",\"status\":\"success\",\"latencyMs\":420,\"route\":\"eu-west\","
        + "\"usage\":{\"inputTokens\":1000,\"outputTokens\":500,\"cacheReadTokens\":2000}}");
    assertThat(settled.status()).as(settled.toString()).isEqualTo(200);
    return account;
  }
}
