package dev.tollgate.server.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.Api;
import dev.tollgate.server.support.ServerTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class PricesTest extends ServerTest {

  @AfterEach
  void backToTheSystemClock() {
    api().delete("/v1/test/clock");
  }

  private Api.Response put(String meter, String json) {
    return api().put("/v1/prices/" + meter, json);
  }

  @Test
  void addsATokenPriceWithCacheRatesAndAContextTierAndReadsItBack() {
    String meter = uniqueId("claude");
    String body = """
        {"mode":"token","currency":"USD","effectiveAt":"2026-01-01T00:00:00Z",
         "inputPer1M":"3","outputPer1M":"15","cacheReadPer1M":"0.3","cacheWritePer1M":"3.75",
         "contextTiers":[{"aboveInputTokens":200000,"inputPer1M":"6","outputPer1M":"22.5",
                          "cacheReadPer1M":"0.6","cacheWritePer1M":"7.5"}]}""";
    Api.Response response = put(meter, body);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.text("meter")).isEqualTo(meter);
    assertThat(response.text("mode")).isEqualTo("token");
    assertThat(response.text("inputPer1M")).isEqualTo("3.00");
    assertThat(response.text("cacheReadPer1M")).isEqualTo("0.30");
    assertThat(response.text("effectiveAt")).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(response.json().get("contextTiers").get(0).get("outputPer1M").asString()).isEqualTo("22.50");
    assertThat(response.json().has("perCall")).isFalse();

    Api.Response read = api().get("/v1/prices/" + meter);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.text("meter")).isEqualTo(meter);
    assertThat(read.json().get("current")).isEqualTo(response.json());
    assertThat(read.json().get("history")).hasSize(1);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      {"mode":"call","perCall":"0.002"}                                  | perCall   | 0.002
      {"mode":"second","perSecond":"0.0001"}                             | perSecond | 0.0001
      {"mode":"unit","unitName":"image","perUnit":"0.04"}                | perUnit   | 0.04
      {"mode":"free"}                                                    | mode      | free
      """)
  void addsEachModeWithItsOwnFieldsOnly(String body, String field, String value) {
    Api.Response response = put(uniqueId("meter"), body);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.text(field)).isEqualTo(value);
    assertThat(response.text("currency")).isEqualTo("USD");
  }

  @Test
  void keepsMonthlyTiersAndTheDefaultConcurrency() {
    Api.Response response = put(uniqueId("style-transfer"), """
        {"mode":"unit","unitName":"pic","perUnit":"0.08","concurrencyDefault":3,"tierMode":"volume",
         "monthlyTiers":[{"upTo":10000,"unitPrice":"0.08"},{"upTo":null,"unitPrice":"0.04","flatFee":"5"}]}""");
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().get("concurrencyDefault").asInt()).isEqualTo(3);
    assertThat(response.text("tierMode")).isEqualTo("volume");
    JsonNode tiers = response.json().get("monthlyTiers");
    assertThat(tiers.get(0).get("upTo").asLong()).isEqualTo(10000);
    assertThat(tiers.get(0).get("flatFee").asString()).isEqualTo("0.00");
    assertThat(tiers.get(1).get("upTo").isNull()).isTrue();
    assertThat(tiers.get(1).get("flatFee").asString()).isEqualTo("5.00");
  }

  @Test
  void answersTheSameVersionAgainAndRefusesAnotherAtTheSameInstant() {
    String meter = uniqueId("again");
    String body = "{\"mode\":\"call\",\"perCall\":\"0.01\",\"effectiveAt\":\"2026-02-01T00:00:00Z\"}";
    Api.Response first = put(meter, body);
    Api.Response second = put(meter, body.replace("0.01", "0.010"));
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.json()).isEqualTo(first.json());

    Api.Response other = put(meter, body.replace("0.01", "0.02"));
    assertThat(other.status()).isEqualTo(409);
    assertThat(other.code()).isEqualTo("price_version_exists");
    assertThat(api().get("/v1/prices/" + meter).json().get("history")).hasSize(1);
  }

  @Test
  void defaultsEffectiveAtToTheClockAndListsHistoryNewestFirst() {
    String meter = uniqueId("history");
    api().put("/v1/test/clock", "{\"now\":\"2026-03-01T00:00:00Z\"}");
    put(meter, "{\"mode\":\"call\",\"perCall\":\"1\"}");
    put(meter, "{\"mode\":\"call\",\"perCall\":\"3\",\"effectiveAt\":\"2026-05-01T00:00:00Z\"}");
    api().put("/v1/test/clock", "{\"now\":\"2026-04-01T00:00:00Z\"}");
    put(meter, "{\"mode\":\"call\",\"perCall\":\"2\"}");

    Api.Response read = api().get("/v1/prices/" + meter);
    assertThat(read.json().get("current").get("perCall").asString()).isEqualTo("2.00");
    List<String> history = new ArrayList<>();
    read.json().get("history").forEach(v -> history.add(v.get("effectiveAt").asString() + " " + v.get("perCall").asString()));
    assertThat(history).containsExactly(
        "2026-05-01T00:00:00Z 3.00", "2026-04-01T00:00:00Z 2.00", "2026-03-01T00:00:00Z 1.00");
  }

  @ParameterizedTest
  @ValueSource(strings = {"anthropic/claude-3", "1024-x-1024/dall-e-2", "bedrock/*/1-month-commitment/cohere.command-text-v14",
      "anthropic.claude-3-5-sonnet-20240620-v1:0", "cloudflare/@cf/meta/llama-2-7b-chat-fp16"})
  void addressesMeterNamesWithSlashesColonsAndAtSigns(String name) {
    String meter = uniqueId("ns") + "/" + name;
    assertThat(put(meter, "{\"mode\":\"free\"}").status()).isEqualTo(200);
    Api.Response read = api().get("/v1/prices/" + meter);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.text("meter")).isEqualTo(meter);
  }

  @Test
  void refusesAnEncodedSlashBeforeItReachesAMeter() {
    // Tomcat rejects %2F by default; a meter is addressed with its slashes as they are.
    Api.Response response = put(uniqueId("enc") + "%2Fmodel", "{\"mode\":\"free\"}");
    assertThat(response.status()).isEqualTo(400);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      {"mode":"call","perCall":"1","inputPer1M":"2"}                       | field_not_for_mode | inputPer1M
      {"mode":"free","perSecond":"1"}                                      | field_not_for_mode | perSecond
      {"mode":"token","inputPer1M":"1","outputPer1M":"2","unitName":"x"}   | field_not_for_mode | unitName
      {"mode":"token","inputPer1M":"1"}                                    | missing_field      | outputPer1M
      {"mode":"unit","perUnit":"1"}                                        | missing_field      | unitName
      {"mode":"call"}                                                      | missing_field      | perCall
      {"perCall":"1"}                                                      | mode_missing       | mode
      {"mode":"hourly","perCall":"1"}                                      | mode_invalid       | mode
      {"mode":"call","perCall":"-1"}                                       | price_negative     |
      {"mode":"call","perCall":"1.0000000001"}                             | amount_precision   | perCall
      {"mode":"call","perCall":"1e3"}                                      | amount_invalid     | perCall
      {"mode":"call","perCall":"1","currency":"US D"}                      | currency_invalid   |
      {"mode":"call","perCall":"1","concurrencyDefault":0}                 | concurrency_default_invalid |
      {"mode":"call","perCall":"1","tierMode":"stairs","monthlyTiers":[]}  | tier_mode_invalid  | tierMode
      {"mode":"call","perCall":"1","tierMode":"volume"}                    | missing_field      | monthlyTiers
      {"mode":"call","perCall":"1","monthlyTiers":[{"upTo":null,"unitPrice":"1"}]} | tier_mode_missing |
      {"mode":"call","perCall":"1","tierMode":"volume","monthlyTiers":[]}  | tiers_empty        |
      {"mode":"call","perCall":"1","tierMode":"volume","monthlyTiers":[{"upTo":10,"unitPrice":"1"}]} | tiers_last_not_unbounded |
      {"mode":"call","perCall":"1","tierMode":"volume","monthlyTiers":[{"upTo":null,"unitPrice":"1"},{"upTo":null,"unitPrice":"1"}]} | tier_unbounded_not_last |
      {"mode":"call","perCall":"1","tierMode":"volume","monthlyTiers":[{"upTo":10,"unitPrice":"1"},{"upTo":5,"unitPrice":"1"},{"upTo":null,"unitPrice":"1"}]} | tiers_not_increasing |
      {"mode":"call","perCall":"1","tierMode":"graduated","monthlyTiers":[{"upTo":10}]} | missing_field | monthlyTiers[0].unitPrice
      {"mode":"token","inputPer1M":"1","outputPer1M":"2","contextTiers":[{"aboveInputTokens":100,"inputPer1M":"1","outputPer1M":"1"},{"aboveInputTokens":50,"inputPer1M":"1","outputPer1M":"1"}]} | context_tiers_not_increasing |
      {"mode":"token","inputPer1M":"1","outputPer1M":"2","contextTiers":[{"inputPer1M":"1","outputPer1M":"1"}]} | missing_field | contextTiers[0].aboveInputTokens
      {"mode":"unit","unitName":"a-unit-name-longer-than-thirty-two-chars","perUnit":"1"} | unit_name_too_long |
      {"mode":"call","perCall":"1","effectiveAt":"2026-01-01T00:00:00.0000001Z"} | effective_at_precision | effectiveAt
      {"mode":"call","perCall":"1","meter":"another"}                      | meter_mismatch     | meter
      """)
  void refusesABadPriceWithAStableCodeAndStoresNothing(String body, String code, String field) {
    String meter = uniqueId("bad");
    Api.Response response = put(meter, body);
    assertThat(response.status()).as(response.toString()).isEqualTo(422);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.code()).isEqualTo(code);
    if (field != null) {
      assertThat(response.text("field")).isEqualTo(field);
    }
    assertThat(api().get("/v1/prices/" + meter).code()).isEqualTo("price_missing");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      {"mode":"call","perCall":0.01}          | invalid_type
      {"mode":"call","perCall":"1","extra":1} | unknown_field
      {"mode":"call","perCall":"1","concurrencyDefault":"3"} | invalid_type
      """)
  void refusesBadJsonAsA400(String body, String code) {
    Api.Response response = put(uniqueId("json"), body);
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.code()).isEqualTo(code);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a//b", "a/./b", "trailing/", "sp%20ace"})
  void refusesMeterNamesThatAPathCannotCarry(String meter) {
    Api.Response response = put(meter, "{\"mode\":\"free\"}");
    assertThat(response.status()).as(response.toString()).isIn(400, 422);
    if (response.status() == 422) {
      assertThat(response.code()).isEqualTo("meter_invalid");
    }
  }

  @Test
  void refusesAMeterNameOneCharacterPastTheLimit() {
    String prefix = uniqueId("long") + "-";
    assertThat(put(prefix + "x".repeat(200 - prefix.length()), "{\"mode\":\"free\"}").status()).isEqualTo(200);
    Api.Response tooLong = put(prefix + "x".repeat(201 - prefix.length()), "{\"mode\":\"free\"}");
    assertThat(tooLong.status()).isEqualTo(422);
    assertThat(tooLong.code()).isEqualTo("meter_invalid");
  }

  @Test
  void answersPriceMissingForAMeterWithoutVersions() {
    Api.Response response = api().get("/v1/prices/" + uniqueId("none"));
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.code()).isEqualTo("price_missing");
  }

  @Test
  void listsMetersWithTheirCurrentVersionPageByPage() {
    String prefix = uniqueId("list");
    for (String m : List.of("a", "b", "c")) {
      put("zz-" + prefix + "-" + m, "{\"mode\":\"call\",\"perCall\":\"1\",\"effectiveAt\":\"2026-01-01T00:00:00Z\"}");
    }
    put("zz-" + prefix + "-d", "{\"mode\":\"call\",\"perCall\":\"1\",\"effectiveAt\":\"2999-01-01T00:00:00Z\"}");
    List<String> seen = new ArrayList<>();
    String cursor = Page64.cursorJustBefore("zz-" + prefix);
    for (int i = 0; i < 3; i++) {
      Api.Response page = api().get("/v1/prices?limit=3&cursor=" + cursor);
      assertThat(page.status()).isEqualTo(200);
      for (JsonNode item : page.json().get("items")) {
        if (item.get("meter").asString().startsWith("zz-" + prefix)) {
          seen.add(item.get("meter").asString() + " " + (item.get("current").isNull() ? "-" : item.get("current").get("perCall").asString()));
        }
      }
      cursor = page.text("nextCursor");
      if (cursor == null) {
        break;
      }
    }
    assertThat(seen).startsWith("zz-" + prefix + "-a 1.00", "zz-" + prefix + "-b 1.00", "zz-" + prefix + "-c 1.00", "zz-" + prefix + "-d -");
  }

  /** Cursors are base64url of the last meter seen; a test may start a page just before its own meters. */
  static final class Page64 {
    static String cursorJustBefore(String key) {
      return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }
}
