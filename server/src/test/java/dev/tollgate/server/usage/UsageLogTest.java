package dev.tollgate.server.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.Api;
import dev.tollgate.server.support.ServerTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class UsageLogTest extends ServerTest {

  private record Setup(String account, String meter, String key, String keyId) {}

  private Setup settleThree() {
    HotPathFixture fx = new HotPathFixture(api());
    String meter = uniqueId("log");
    fx.price(meter, "{\"mode\":\"token\",\"currency\":\"USD\",\"inputPer1M\":\"1.00\",\"outputPer1M\":\"2.00\",\"cacheReadPer1M\":\"0.10\",\"effectiveAt\":\"2026-01-01T00:00:00Z\"}");
    String acct = fx.account(uniqueId("logger"));
    fx.credit(acct, "10.00");
    String key = fx.key(acct);
    String keyId = api().get("/v1/accounts/" + acct + "/api-keys").json().get("items").get(0).get("id").asString();
    for (int i = 1; i <= 3; i++) {
      Api.Response r = fx.settle("{\"requestId\":\"log-" + i + "\",\"apiKey\":\"" + key + "\",\"meter\":\"" + meter
          + "\",\"status\":\"success\",\"occurredAt\":\"2026-11-0" + i + "T10:00:00Z\",\"latencyMs\":" + (100 * i)
          + ",\"route\":\"eu, primary\",\"usage\":{\"inputTokens\":1000,\"outputTokens\":500,\"cacheReadTokens\":2000}}");
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }
    return new Setup(acct, meter, key, keyId);
  }

  @Test
  void listsUsageNewestFirstWithTokensCacheCostLatencyRouteAndThePriceSnapshot() {
    Setup s = settleThree();
    Api.Response page = api().get("/v1/usage?accountId=" + s.account() + "&from=2026-11-01T00:00:00Z&to=2026-11-30T00:00:00Z");
    assertThat(page.status()).as(page.toString()).isEqualTo(200);
    JsonNode items = page.json().get("items");
    assertThat(items.size()).isEqualTo(3);
    JsonNode newest = items.get(0);
    assertThat(newest.get("requestId").asString()).isEqualTo("log-3");
    assertThat(newest.get("apiKeyId").asString()).isEqualTo(s.keyId());
    assertThat(newest.get("usage").get("cacheReadTokens").asLong()).isEqualTo(2000);
    assertThat(newest.get("latencyMs").asLong()).isEqualTo(300);
    assertThat(newest.get("route").asString()).isEqualTo("eu, primary");
    assertThat(newest.get("billingMode").asString()).isEqualTo("usage");
    // 1,000 × 1.00/1M + 500 × 2.00/1M + 2,000 × 0.10/1M = 0.001 + 0.001 + 0.0002
    assertThat(newest.get("amount").asString()).isEqualTo("0.0022");
    assertThat(newest.get("snapshot").get("mode").asString()).isEqualTo("token");
    assertThat(newest.get("snapshot").get("components").size()).isGreaterThanOrEqualTo(3);
    assertThat(newest.get("charges").get(0).get("source").asString()).isEqualTo("wallet");
  }

  @Test
  void keepsTheSnapshotWhenThePriceChangesLater() {
    Setup s = settleThree();
    api().put("/v1/prices/" + s.meter(), "{\"mode\":\"token\",\"currency\":\"USD\",\"inputPer1M\":\"9.00\",\"outputPer1M\":\"9.00\"}");
    JsonNode first = api().get("/v1/usage?accountId=" + s.account() + "&from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z")
        .json().get("items").get(0);
    assertThat(first.get("amount").asString()).isEqualTo("0.0022");
    assertThat(first.get("snapshot").get("components").get(0).get("rate").asString()).isEqualTo("1.00");
  }

  @Test
  void pagesWithACursorAndFiltersByKeyAndMeter() {
    Setup s = settleThree();
    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      Api.Response page = api().get("/v1/usage?apiKeyId=" + s.keyId() + "&meter=" + s.meter()
          + "&from=2026-11-01T00:00:00Z&to=2026-11-30T00:00:00Z&limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
      page.json().get("items").forEach(i -> seen.add(i.get("requestId").asString()));
      cursor = page.text("nextCursor");
    } while (cursor != null);
    assertThat(seen).containsExactly("log-3", "log-2", "log-1");
  }

  @Test
  void exportsCsvWithQuotedFields() {
    Setup s = settleThree();
    Api.Response csv = api().get("/v1/usage?accountId=" + s.account() + "&from=2026-11-01T00:00:00Z&to=2026-11-30T00:00:00Z&format=csv");
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.contentType()).startsWith("text/csv");
    String[] lines = csv.body().split("\r\n");
    assertThat(lines).hasSize(4);
    assertThat(lines[0]).startsWith("occurred_at,request_id,account_id");
    assertThat(lines[1]).contains("log-3").contains("\"eu, primary\"").contains(",0.0022,");
  }

  @Test
  void reportsTotalsByDayMeterAndKey() {
    Setup s = settleThree();
    String window = "&from=2026-11-01T00:00:00Z&to=2026-11-30T00:00:00Z";
    JsonNode byDay = api().get("/v1/reports/usage?accountId=" + s.account() + "&groupBy=day" + window).json().get("items");
    assertThat(byDay.size()).isEqualTo(3);
    assertThat(byDay.get(0).get("key").asString()).isEqualTo("2026-11-01");
    JsonNode byMeter = api().get("/v1/reports/usage?accountId=" + s.account() + "&groupBy=meter" + window).json().get("items");
    assertThat(byMeter.size()).isEqualTo(1);
    assertThat(byMeter.get(0).get("calls").asLong()).isEqualTo(3);
    assertThat(byMeter.get(0).get("amount").asString()).isEqualTo("0.0066");
    assertThat(byMeter.get(0).get("inputTokens").asLong()).isEqualTo(3000);
    JsonNode byKey = api().get("/v1/reports/usage?accountId=" + s.account() + "&groupBy=apiKey" + window).json().get("items");
    assertThat(byKey.get(0).get("key").asString()).isEqualTo(s.keyId());
  }

  @Test
  void refusesBadQueriesWithCodes() {
    assertThat(api().get("/v1/reports/usage?groupBy=week").code()).isEqualTo("group_by_invalid");
    assertThat(api().get("/v1/usage?from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z").code()).isEqualTo("window_invalid");
    assertThat(api().get("/v1/usage?from=2025-01-01T00:00:00Z&to=2026-11-01T00:00:00Z").code()).isEqualTo("window_too_long");
    assertThat(api().get("/v1/usage?format=xml").code()).isEqualTo("format_invalid");
    assertThat(api().get("/v1/usage?cursor=!!!").code()).isEqualTo("cursor_invalid");
    assertThat(api().get("/v1/usage?accountId=nobody-" + uniqueId("x")).code()).isEqualTo("account_not_found");
    assertThat(api().get("/v1/usage?from=yesterday").code()).isEqualTo("invalid_parameter");
  }
}
