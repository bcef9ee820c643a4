package dev.tollgate.server.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.pricing.PriceVersion;
import dev.tollgate.server.config.TollgateProperties;
import dev.tollgate.server.support.Api;
import dev.tollgate.server.support.ServerTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class PriceImportTest extends ServerTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final long IMPORT_LIMIT = TollgateProperties.Http.IMPORT_BODY_BYTES_MAX_DEFAULT;

  @Autowired PriceStore store;

  @AfterEach
  void backToTheSystemClock() {
    api().delete("/v1/test/clock");
  }

  private static String liteLlmList() throws IOException {
    try (InputStream in = PriceImportTest.class.getResourceAsStream("/litellm/model_prices.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The list padded with trailing whitespace (still the same JSON) to exactly {@code bytes}. */
  private static String padded(String json, long bytes) {
    long size = json.getBytes(StandardCharsets.UTF_8).length;
    return json + " ".repeat((int) (bytes - size));
  }

  @Test
  void importsLiteLlmsWholeListAtTheBodyLimitAndRefusesOneBytePast() throws IOException {
    String list = liteLlmList();
    int entries = JSON.readTree(list).size();
    api().put("/v1/test/clock", "{\"now\":\"2026-08-01T00:00:00Z\"}");

    Api.Response tooLarge = api().post("/v1/prices:import?format=litellm", padded(list, IMPORT_LIMIT + 1));
    assertThat(tooLarge.status()).isEqualTo(413);
    assertThat(tooLarge.code()).isEqualTo("body_too_large");
    assertThat(api().get("/v1/prices/gpt-4o").status()).isEqualTo(404);

    Api.Response response = api().post("/v1/prices:import?format=litellm", padded(list, IMPORT_LIMIT));
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    int imported = response.json().get("imported").asInt();
    JsonNode skipped = response.json().get("skipped");
    assertThat(imported + skipped.size()).isEqualTo(entries);
    assertThat(imported).isGreaterThan(2400);
    skipped.forEach(s -> assertThat(s.get("reason").asString()).isNotBlank());
    List<String> skippedMeters = new ArrayList<>();
    skipped.forEach(s -> skippedMeters.add(s.get("meter").asString()));
    assertThat(skippedMeters).contains("sample_spec", "fireworks_ai/accounts/fireworks/models/");

    // Bedrock's Claude 3.5 Sonnet: $3 / $15 per 1M, cache 0.30 / 3.75, and every rate doubled above 200k.
    JsonNode sonnet = api().get("/v1/prices/anthropic.claude-3-5-sonnet-20240620-v1:0").json().get("current");
    assertThat(sonnet.get("effectiveAt").asString()).isEqualTo("2026-08-01T00:00:00Z");
    assertThat(sonnet.get("inputPer1M").asString()).isEqualTo("3.00");
    assertThat(sonnet.get("outputPer1M").asString()).isEqualTo("15.00");
    assertThat(sonnet.get("cacheReadPer1M").asString()).isEqualTo("0.30");
    assertThat(sonnet.get("cacheWritePer1M").asString()).isEqualTo("3.75");
    JsonNode above = sonnet.get("contextTiers").get(0);
    assertThat(above.get("aboveInputTokens").asLong()).isEqualTo(200000);
    assertThat(above.get("inputPer1M").asString()).isEqualTo("6.00");
    assertThat(above.get("outputPer1M").asString()).isEqualTo("30.00");
    assertThat(above.get("cacheReadPer1M").asString()).isEqualTo("0.60");

    Api.Response quote = api().post("/v1/quote",
        "{\"meter\":\"anthropic.claude-3-5-sonnet-20240620-v1:0\",\"usage\":{\"inputTokens\":250000,\"outputTokens\":1000}}");
    assertThat(quote.text("amount")).isEqualTo("1.53");

    // The same list again, at the same instant or later, changes nothing: no version is added.
    Api.Response again = api().post("/v1/prices:import?format=litellm", list);
    assertThat(again.json().get("unchanged").asInt()).isEqualTo(imported);
    api().put("/v1/test/clock", "{\"now\":\"2026-09-01T00:00:00Z\"}");
    Api.Response later = api().post("/v1/prices:import?format=litellm", list);
    assertThat(later.json().get("imported").asInt()).isEqualTo(imported);
    assertThat(later.json().get("unchanged").asInt()).isEqualTo(imported);
    assertThat(api().get("/v1/prices/anthropic.claude-3-5-sonnet-20240620-v1:0").json().get("history")).hasSize(1);
  }

  @Test
  void keepsOtherRequestsAtTheDefaultBodyLimit() {
    String big = "{\"meter\":\"" + "x".repeat((int) TollgateProperties.Http.BODY_BYTES_MAX_DEFAULT) + "\"}";
    Api.Response response = api().post("/v1/quote", big);
    assertThat(response.status()).isEqualTo(413);
    assertThat(response.code()).isEqualTo("body_too_large");
  }

  @Test
  void refusesAnUnknownImportFormat() {
    for (String query : List.of("?format=csv", "")) {
      Api.Response response = api().post("/v1/prices:import" + query, "{}");
      assertThat(response.status()).isEqualTo(400);
      assertThat(response.code()).isEqualTo("format_invalid");
    }
  }

  private String priced(String prefix, String suffix, String body) {
    String meter = prefix + "/" + suffix;
    Api.Response response = api().put("/v1/prices/" + meter, body);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return meter;
  }

  @Test
  void exportsEveryVersionAndReimportsItIntoAFreshNamespaceAsEqualVersions() {
    String prefix = uniqueId("export");
    List<String> meters = List.of(
        priced(prefix, "claude", """
            {"mode":"token","currency":"USD","effectiveAt":"2026-01-01T00:00:00Z","inputPer1M":"3","outputPer1M":"15",
             "cacheReadPer1M":"0.3","reasoningPer1M":"20","contextTiers":[{"aboveInputTokens":200000,"inputPer1M":"6",
             "outputPer1M":"22.5","reasoningPer1M":"25"}]}"""),
        priced(prefix, "claude", """
            {"mode":"token","currency":"USD","effectiveAt":"2026-02-01T00:00:00.123456Z","inputPer1M":"2.5","outputPer1M":"12.000000001"}"""),
        priced(prefix, "pics", """
            {"mode":"unit","currency":"CNY","unitName":"pic","perUnit":"0.5","concurrencyDefault":3,"tierMode":"graduated",
             "effectiveAt":"2026-01-01T00:00:00Z",
             "monthlyTiers":[{"upTo":10,"unitPrice":"0.5","flatFee":"1"},{"upTo":null,"unitPrice":"0.25"}]}"""),
        priced(prefix, "tts", "{\"mode\":\"second\",\"perSecond\":\"0.0001\",\"effectiveAt\":\"2026-01-01T00:00:00Z\"}"),
        priced(prefix, "ping", "{\"mode\":\"free\",\"currency\":\"credits\",\"effectiveAt\":\"2026-01-01T00:00:00Z\"}"),
        priced(prefix, "call", "{\"mode\":\"call\",\"perCall\":\"0\",\"effectiveAt\":\"2026-01-01T00:00:00Z\"}"));
    api().put("/v1/tools/" + prefix + "-search", "{\"perCall\":\"0.01\"}");
    api().put("/v1/price-groups/" + prefix + "-vip", "{\"multiplier\":\"0.8\"}");
    api().put("/v1/service-tiers/" + prefix + "-flex", "{\"multiplier\":\"1/2\"}");

    Api.Response export = api().get("/v1/prices:export");
    assertThat(export.status()).isEqualTo(200);
    assertThat(export.text("format")).isEqualTo("tollgate");
    assertThat(export.json().get("tools").toString()).contains(prefix + "-search");
    assertThat(export.json().get("priceGroups").toString()).contains("\"4/5\"");

    // The whole export re-imported into the same database: every version is already there, equal.
    Api.Response same = api().post("/v1/prices:import?format=tollgate", export.body());
    assertThat(same.status()).as(same.body()).isEqualTo(200);
    assertThat(same.json().get("unchanged").asInt()).isEqualTo(export.json().get("prices").size());

    // Our meters copied under a fresh prefix: the copies equal the originals, field for field.
    ObjectNode copy = (ObjectNode) export.json().deepCopy();
    ArrayNode prices = JSON.createArrayNode();
    for (JsonNode version : export.json().get("prices")) {
      if (version.get("meter").asString().startsWith(prefix + "/")) {
        ObjectNode renamed = (ObjectNode) version.deepCopy();
        renamed.put("meter", "copy-" + version.get("meter").asString());
        prices.add(renamed);
      }
    }
    copy.set("prices", prices);
    Api.Response imported = api().post("/v1/prices:import?format=tollgate", JSON.writeValueAsString(copy));
    assertThat(imported.status()).as(imported.body()).isEqualTo(200);
    assertThat(imported.json().get("imported").asInt()).isEqualTo(6);
    assertThat(imported.json().get("unchanged").asInt()).isZero();
    for (String meter : meters.stream().distinct().toList()) {
      List<PriceVersion> original = store.history(meter);
      List<PriceVersion> copied = store.history("copy-" + meter).stream()
          .map(v -> new PriceVersion(meter, v.currency(), v.effectiveAt(), v.terms(), v.monthlyTiers(), v.concurrencyDefault()))
          .toList();
      assertThat(copied).isNotEmpty().isEqualTo(original);
    }
  }

  @Test
  void importsAllOrNothing() {
    String prefix = uniqueId("atomic");
    api().put("/v1/prices/" + prefix + "/taken", "{\"mode\":\"call\",\"perCall\":\"1\",\"effectiveAt\":\"2026-01-01T00:00:00Z\"}");
    String body = """
        {"format":"tollgate","formatVersion":1,"prices":[
          {"meter":"@P/new","mode":"free","currency":"USD","effectiveAt":"2026-01-01T00:00:00Z"},
          {"meter":"@P/taken","mode":"call","currency":"USD","perCall":"2.00","effectiveAt":"2026-01-01T00:00:00Z"}],
         "tools":[{"name":"@P-tool","perCall":"1"}]}""".replace("@P", prefix);
    Api.Response response = api().post("/v1/prices:import?format=tollgate", body);
    assertThat(response.status()).isEqualTo(409);
    assertThat(response.code()).isEqualTo("price_version_exists");
    assertThat(api().get("/v1/prices/" + prefix + "/new").status()).isEqualTo(404);
    assertThat(api().get("/v1/tools").body()).doesNotContain(prefix + "-tool");

    Api.Response bad = api().post("/v1/prices:import?format=tollgate",
        body.replace("\"perCall\":\"2.00\"", "\"perCall\":\"2.00\",\"unitName\":\"x\""));
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.code()).isEqualTo("field_not_for_mode");
    assertThat(bad.text("field")).isEqualTo("prices[1].unitName");
  }

  @Test
  void refusesMoreToolPricesThanTheLimitInOneImport() {
    ArrayNode tools = JSON.createArrayNode();
    String prefix = uniqueId("many");
    for (int i = 0; i <= 256; i++) {
      tools.add(JSON.createObjectNode().put("name", prefix + "-" + i).put("perCall", "0"));
    }
    ObjectNode body = JSON.createObjectNode().put("format", "tollgate");
    body.set("tools", tools);
    Api.Response response = api().post("/v1/prices:import?format=tollgate", JSON.writeValueAsString(body));
    assertThat(response.status()).isEqualTo(422);
    assertThat(response.code()).isEqualTo("too_many_tool_prices");
    assertThat(api().get("/v1/tools").body()).doesNotContain(prefix);
  }
}
