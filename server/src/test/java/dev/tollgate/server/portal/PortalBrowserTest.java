package dev.tollgate.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.Api;
import dev.tollgate.server.support.PortalBrowser;
import dev.tollgate.server.support.ServerTest;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The customer's journey in headless Chromium: the operator sets up an account through the JSON
 * API and sends a signed link; the customer sees the dashboard, the gateway settles usage, the
 * customer sees it, creates a key and redeems a code. Screenshots of each page are kept.
 */
class PortalBrowserTest extends ServerTest {
  private static PortalBrowser browser;

  @BeforeAll
  static void startBrowser() {
    browser = PortalBrowser.start();
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @AfterEach
  void backToTheSystemClock() {
    assertThat(api().delete("/v1/test/clock").status()).isEqualTo(200);
  }

  private Api.Response ok(Api.Response r) {
    assertThat(r.status()).as(r.toString()).isIn(200, 201);
    return r;
  }

  private String remaining() {
    return browser.text(By.cssSelector("#addons td.remaining"));
  }

  @Test
  void aCustomerSeesSettledUsageCreatesAKeyAndRedeemsACode() {
    Api api = api();
    // Failed redemptions are throttled per address and every test comes from 127.0.0.1: this test
    // runs at an instant of its own, so other tests' failures are outside the throttle's window.
    ok(api.put("/v1/test/clock", "{\"now\":\"2032-06-15T10:00:00Z\"}"));
    String acct = uniqueId("acme");
    ok(api.post("/v1/accounts", "{\"id\":\"" + acct + "\",\"name\":\"Acme Robotics\"}"));
    String meter = uniqueId("gpt-vision");
    ok(api.put("/v1/prices/" + meter, "{\"mode\":\"token\",\"currency\":\"USD\",\"inputPer1M\":\"2.00\",\"outputPer1M\":\"8.00\"}"));
    ok(api.post("/v1/accounts/" + acct + "/wallet/credits",
        "{\"amount\":\"50.00\",\"reason\":\"welcome\",\"idempotencyKey\":\"" + UUID.randomUUID() + "\"}"));
    String edition = uniqueId("pro");
    ok(api.put("/v1/packages/" + edition, "{\"name\":\"Professional\",\"kind\":\"edition\",\"rank\":2,"
        + "\"denomination\":\"money\",\"monthlyAllowance\":\"5.00\",\"price\":\"20.00\",\"currency\":\"USD\",\"validity\":\"P1M\"}"));
    String addon = uniqueId("boost");
    ok(api.put("/v1/packages/" + addon, "{\"name\":\"Token booster\",\"kind\":\"addon\",\"denomination\":\"money\","
        + "\"amount\":\"10.00\",\"price\":\"8.00\",\"currency\":\"USD\",\"validity\":\"P3M\"}"));
    ok(api.post("/v1/accounts/" + acct + "/purchases", "{\"packageId\":\"" + edition + "\",\"idempotencyKey\":\"e1\"}"));
    ok(api.post("/v1/accounts/" + acct + "/purchases", "{\"packageId\":\"" + addon + "\",\"idempotencyKey\":\"a1\"}"));
    String code = ok(api.post("/v1/redemption-codes", "{\"kind\":\"balance\",\"amount\":\"12.50\"}"))
        .json().get("codes").get(0).asString();
    String gatewayKey = ok(api.post("/v1/accounts/" + acct + "/api-keys", "{\"remark\":\"gateway\"}")).text("key");

    browser.open(ok(api.post("/v1/accounts/" + acct + "/portal-links", null)).text("url"));
    browser.waitForUrl("/portal");
    assertThat(browser.text(By.tagName("h1"))).isEqualTo("Resources");
    assertThat(browser.pageText()).contains("Acme Robotics").contains("Professional").contains("Token booster");
    assertThat(browser.text(By.id("wallet"))).isEqualTo("22.00");
    assertThat(remaining()).isEqualTo("10.00");
    browser.screenshot("dashboard-empty");

    // The allowance (5.00) pays first, then the add-on: 2.00 + 8.00 = 10.00 of usage leaves 5.00 of the add-on.
    for (int i = 0; i < 2; i++) {
      String requestId = uniqueId("call");
      ok(api.post("/v1/authorize", "{\"requestId\":\"" + requestId + "\",\"apiKey\":\"" + gatewayKey + "\",\"meter\":\""
          + meter + "\",\"estimate\":{\"inputTokens\":1000000,\"outputTokens\":250000}}"));
      ok(api.post("/v1/settle", "{\"requestId\":\"" + requestId + "\",\"apiKey\":\"" + gatewayKey + "\",\"meter\":\""
          + meter + "\",\"status\":\"success\",\"usage\":{\"inputTokens\":1000000,\"outputTokens\":375000}}"));
    }
    browser.driver().navigate().refresh();
    assertThat(remaining()).isEqualTo("5.00");
    browser.screenshot("dashboard");

    browser.driver().findElement(By.linkText("Usage")).click();
    browser.waitFor(By.id("chart-day"));
    assertThat(browser.text(By.id("table-meter"))).contains(meter).contains("10.00");
    assertThat(browser.text(By.id("records-table"))).contains(meter);
    // Chart.js drew the canvas from the table.
    assertThat(browser.waitFor(By.id("chart-meter")).getAttribute("data-drawn")).isEqualTo("true");
    browser.screenshot("usage");

    browser.driver().findElement(By.linkText("API keys")).click();
    browser.waitFor(By.id("remark")).sendKeys("laptop");
    browser.driver().findElement(By.id("create-key")).click();
    String shown = browser.text(By.id("new-key"));
    assertThat(shown).startsWith("tg_");
    browser.screenshot("keys-created");
    browser.driver().navigate().to(api.base() + "/portal/keys");
    assertThat(browser.text(By.id("keys-table"))).contains("laptop").doesNotContain(shown);
    browser.screenshot("keys");

    browser.driver().findElement(By.linkText("Redeem a code")).click();
    browser.waitFor(By.id("code")).sendKeys("NOPE-NOPE-NOPE-NOPE");
    browser.driver().findElement(By.id("redeem")).click();
    assertThat(browser.text(By.cssSelector(".box.error"))).contains("code_invalid");
    browser.screenshot("redeem-refused");
    browser.waitFor(By.id("code")).sendKeys(code);
    browser.driver().findElement(By.id("redeem")).click();
    assertThat(browser.text(By.id("redeemed"))).contains("12.50 USD").contains("34.50 USD");
    browser.screenshot("redeem");

    browser.driver().findElement(By.linkText("Bills")).click();
    assertThat(browser.text(By.id("no-bills"))).contains("No bills yet");
    browser.screenshot("bills");
  }

  @Test
  void aSignedLinkOpenedFromAnotherSiteStillLandsSignedIn() {
    String acct = uniqueId("elsewhere");
    ok(api().post("/v1/accounts", "{\"id\":\"" + acct + "\",\"name\":\"Elsewhere Ltd\"}"));
    String url = ok(api().post("/v1/accounts/" + acct + "/portal-links", null)).text("url");
    // A page of another site (an opaque data: origin) links to the portal, as an e-mail client would.
    browser.open("data:text/html,<a id=go href='" + url + "'>open</a>");
    WebElement go = browser.waitFor(By.id("go"));
    go.click();
    browser.waitFor(By.tagName("h1"));
    browser.waitForUrl("/portal");
    assertThat(browser.text(By.tagName("h1"))).isEqualTo("Resources");
    assertThat(browser.pageText()).contains("Elsewhere Ltd").contains("No value-added packages.");
    browser.open(api().base() + "/portal/login");
    browser.screenshot("login");
  }
}
