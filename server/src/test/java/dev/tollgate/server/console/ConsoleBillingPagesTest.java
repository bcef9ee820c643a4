package dev.tollgate.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.ConsoleClient;
import dev.tollgate.server.support.ServerTest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The billing pages without a browser: each form through the same rules as the API. */
class ConsoleBillingPagesTest extends ServerTest {
  private ConsoleClient console;

  @BeforeEach
  void signIn() {
    console = new ConsoleClient("http://127.0.0.1:" + port);
    assertThat(console.signIn(ADMIN_TOKEN).status()).isEqualTo(200);
  }

  private static Map<String, String> form(String... namesAndValues) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      fields.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return fields;
  }

  @Test
  void aRefusedPriceShowsTheServicesErrorNextToTheFormAndKeepsTheInput() {
    String meter = uniqueId("typo");
    ConsoleClient.Page refused = console.submit("/console/pricing", "/console/pricing",
        form("meter", meter, "mode", "call", "currency", "USD", "perCall", "1.2.3"));
    assertThat(refused.body()).contains("id=\"price-error\"").contains("value=\"1.2.3\"").contains("value=\"" + meter + "\"");
    assertThat(api().get("/v1/prices/" + meter).status()).isEqualTo(404);

    ConsoleClient.Page saved = console.submit("/console/pricing", "/console/pricing",
        form("meter", meter, "mode", "call", "currency", "USD", "perCall", "0.02"));
    assertThat(saved.body()).contains("Saved a call price for " + meter);
    assertThat(api().get("/v1/prices/" + meter).json().get("current").get("perCall").asString()).isEqualTo("0.02");
    assertThat(console.get("/console/pricing/meters/" + meter).body()).contains("0.02 per call");
  }

  @Test
  void aPriceSavedInTheConsoleIsListedInTheAuditLogWithItsOperator() throws InterruptedException {
    String meter = uniqueId("audited");
    console.submit("/console/pricing", "/console/pricing",
        form("meter", meter, "mode", "call", "currency", "USD", "perCall", "0.03"));
    // The audit row is written once the change has been answered: give it a moment.
    ConsoleClient.Page audit = console.get("/console/audit?actor=admin");
    for (int i = 0; i < 50 && !audit.body().contains(meter); i++) {
      Thread.sleep(100);
      audit = console.get("/console/audit?actor=admin");
    }
    assertThat(audit.status()).isEqualTo(200);
    assertThat(audit.body()).contains("id=\"audit-table\"").contains(meter).contains("/console/pricing");
    assertThat(console.get("/console/audit?actor=" + uniqueId("nobody")).body()).contains("No changes recorded yet");
  }

  @Test
  void theExportImportsBackUnchanged() {
    String meter = uniqueId("roundtrip");
    console.submit("/console/pricing", "/console/pricing", form("meter", meter, "mode", "call", "currency", "USD", "perCall", "0.5"));
    ConsoleClient.Page export = console.get("/console/pricing/export");
    assertThat(export.header("Content-Disposition")).contains("attachment");
    assertThat(export.body()).contains(meter);
    ConsoleClient.Page imported = console.submit("/console/pricing", "/console/pricing/import",
        form("format", "tollgate", "document", export.body()));
    assertThat(imported.body()).containsPattern("Imported (\\d+) versions \\(\\1 unchanged");
    ConsoleClient.Page broken = console.submit("/console/pricing", "/console/pricing/import",
        form("format", "tollgate", "document", "{not json"));
    assertThat(broken.body()).contains("not valid JSON").contains("{not json");
  }

  @Test
  void aPackageAndAPlanAreSavedAndARefusedOneKeepsItsInput() {
    String id = uniqueId("pkg");
    ConsoleClient.Page refused = console.submit("/console/packages", "/console/packages",
        form("id", id, "name", "No amount", "kind", "prepaid", "denomination", "money", "price", "5", "currency", "USD", "validity", "P1M"));
    assertThat(refused.body()).contains("id=\"package-error\"").contains("amount").contains("value=\"No amount\"");
    assertThat(api().get("/v1/packages/" + id).status()).isEqualTo(404);

    String plan = uniqueId("plan");
    ConsoleClient.Page saved = console.submit("/console/packages", "/console/plans",
        form("id", plan, "name", "Pro", "description", "For teams", "price", "20.00", "currency", "USD", "interval", "monthly",
            "periodCredit", "25.00", "discount", "1", "rank", "2", "meters", ""));
    assertThat(saved.body()).contains("Saved plan " + plan).contains(plan);
    assertThat(api().get("/v1/plans/" + plan).status()).isEqualTo(200);
  }

  @Test
  void codesAreCreatedInBulkShownOnceSearchedExportedDisabledAndDeleted() {
    String description = uniqueId("launch");
    ConsoleClient.Page created = console.submit("/console/codes", "/console/codes",
        form("kind", "balance", "amount", "5.00", "currency", "USD", "count", "3", "maxRedemptions", "1", "perAccountLimit", "1",
            "description", description));
    Matcher batch = Pattern.compile("Created batch <strong>([^<]+)</strong>").matcher(created.body());
    assertThat(batch.find()).as(created.body()).isTrue();
    String batchId = batch.group(1);
    String search = console.get("/console/codes?batchId=" + batchId).body();
    assertThat(Pattern.compile("<tr>\\s*<td>[^<]*-…</td>").matcher(search).results().count()).isEqualTo(3);
    assertThat(console.get("/console/codes?q=" + description).body()).contains(batchId);
    assertThat(console.get("/console/codes/export?batchId=" + batchId).body()).contains(batchId).contains(description);

    String codeId = api().get("/v1/redemption-codes?batchId=" + batchId).json().get("items").get(0).get("id").asString();
    console.submit("/console/codes", "/console/codes/" + codeId + "/enabled", form("enabled", "false"));
    assertThat(api().get("/v1/redemption-codes/" + codeId).text("status")).isEqualTo("disabled");
    console.submit("/console/codes", "/console/codes/" + codeId + "/delete", form());
    assertThat(api().get("/v1/redemption-codes/" + codeId).text("status")).isEqualTo("deleted");

    ConsoleClient.Page refused = console.submit("/console/codes", "/console/codes",
        form("kind", "balance", "amount", "5.00", "currency", "USD", "count", "1001", "description", description));
    assertThat(refused.body()).contains("class=\"error\"").contains("value=\"1001\"");
  }

  @Test
  void billingAndPaymentSettingsRefuseBadValuesWithTheServicesMessage() {
    ConsoleClient.Page page = console.get("/console/billing");
    assertThat(page.body()).contains("Billing settings").contains("Postpaid policy");
    ConsoleClient.Page refused = console.submit("/console/billing", "/console/billing",
        form("billingMode", "usage", "prepaidAmount", "0", "holdTimeoutMs", "5", "billGraceDays", "15", "postpaidSettlement", "monthly"));
    assertThat(refused.body()).contains("holdTimeoutMs is between").contains("value=\"5\"");
    assertThat(api().get("/v1/billing/settings").json().get("holdTimeoutMs").asLong()).isNotEqualTo(5);

    ConsoleClient.Page payments = console.submit("/console/billing/payments", "/console/billing/payments",
        form("stripeEnabled", "false", "epayEnabled", "false", "usdCnyRate", "abc"));
    assertThat(payments.body()).contains("usdCnyRate is a decimal string");
  }
}
