package dev.tollgate.server.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.Api;
import dev.tollgate.server.support.ServerTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** Quotes in the words of the seeds: what one call or one month of units costs at list price. */
class QuoteTest extends ServerTest {

  @AfterEach
  void backToTheSystemClock() {
    api().delete("/v1/test/clock");
  }

  private String price(String body) {
    String meter = uniqueId("m");
    Api.Response response = api().put("/v1/prices/" + meter, body);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return meter;
  }

  private Api.Response quote(String json) {
    return api().post("/v1/quote", json);
  }

  private static Map<String, String> breakdown(Api.Response response) {
    Map<String, String> lines = new HashMap<>();
    for (JsonNode line : response.json().get("breakdown")) {
      lines.put(line.get("component").asString(), line.get("amount").asString());
    }
    return lines;
  }

  /** Seed 004, Image Style Transfer, pay as you go: the month's total picks one unit price for all. */
  @ParameterizedTest(name = "{0} pictures in a month → {1} USD at {2} USD/pic")
  @CsvSource(delimiter = '|', textBlock = """
       9950   | 796.00   | 0.08 | 0
       10000  | 600.00   | 0.06 | 1
       200000 | 10000.00 | 0.05 | 2
       0      | 0.00     | 0.08 | 0
      """)
  void pricesAMonthOfPicturesAtTheVolumeTierReached(long units, String amount, String unitPrice, int tier) {
    String meter = price("""
        {"mode":"unit","unitName":"pic","perUnit":"0.08","concurrencyDefault":3,"tierMode":"volume",
         "monthlyTiers":[{"upTo":10000,"unitPrice":"0.08"},{"upTo":100000,"unitPrice":"0.06"},
                         {"upTo":1000000,"unitPrice":"0.05"},{"upTo":null,"unitPrice":"0.04"}]}""");
    Api.Response response = quote("{\"meter\":\"" + meter + "\",\"monthlyUnits\":" + units + "}");
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.text("amount")).isEqualTo(amount);
    assertThat(response.text("currency")).isEqualTo("USD");
    assertThat(response.json().get("tier").get("index").asInt()).isEqualTo(tier);
    assertThat(response.json().get("tier").get("unitPrice").asString()).isEqualTo(unitPrice);
    assertThat(response.json().get("lines")).hasSize(1);
  }

  @Test
  void pricesAMonthGraduallyWithOneLinePerTierEntered() {
    String meter = price("""
        {"mode":"call","perCall":"0.1","tierMode":"graduated",
         "monthlyTiers":[{"upTo":100,"unitPrice":"0.1","flatFee":"1"},{"upTo":null,"unitPrice":"0.05","flatFee":"2"}]}""");
    Api.Response response = quote("{\"meter\":\"" + meter + "\",\"monthlyUnits\":150}");
    // 100 × 0.10 + 1 + 50 × 0.05 + 2 = 15.50
    assertThat(response.text("amount")).isEqualTo("15.50");
    assertThat(response.json().get("lines")).hasSize(2);
    assertThat(response.json().get("tier").get("upTo").isNull()).isTrue();
  }

  private static final String CLAUDE = """
      {"mode":"token","currency":"USD","inputPer1M":"3","outputPer1M":"15","cacheReadPer1M":"0.3","cacheWritePer1M":"3.75",
       "contextTiers":[{"aboveInputTokens":200000,"inputPer1M":"6","outputPer1M":"22.5","cacheReadPer1M":"0.6","cacheWritePer1M":"7.5"}]}""";

  @ParameterizedTest(name = "{0} input, {1} output, {2} cache read, {3} cache write → {4}")
  @CsvSource(delimiter = '|', textBlock = """
      100000 | 10000 | 50000 | 10000 | 0.5025 | 0.30 | base rates: input size 160k is under 200k
      140000 | 10000 | 50000 | 10000 | 0.6225 | 0.42 | exactly 200k is not above the threshold
      150000 | 10000 | 50000 | 10000 | 1.23   | 0.90 | 210k with cache reads and writes switches every rate
      """)
  void pricesATokenCallWithCacheRatesAndASwitchAbove200kTokens(
      long input, long output, long cacheRead, long cacheWrite, String amount, String inputAmount, String why) {
    String meter = price(CLAUDE);
    Api.Response response = quote("{\"meter\":\"" + meter + "\",\"usage\":{\"inputTokens\":" + input
        + ",\"outputTokens\":" + output + ",\"cacheReadTokens\":" + cacheRead + ",\"cacheWriteTokens\":" + cacheWrite + "}}");
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.text("amount")).as(why).isEqualTo(amount);
    assertThat(breakdown(response).get("input")).isEqualTo(inputAmount);
    assertThat(response.text("multiplier")).isEqualTo("1/1");
  }

  @ParameterizedTest(name = "{0} with usage {1} → {2}")
  @CsvSource(delimiter = '|', textBlock = """
      {"mode":"call","perCall":"0.002"}                    | {}                 | 0.002
      {"mode":"call","perCall":"0.002"}                    | {"calls":5}        | 0.01
      {"mode":"second","perSecond":"0.0001"}               | {"seconds":90}     | 0.009
      {"mode":"unit","unitName":"image","perUnit":"0.04"}  | {"units":3}        | 0.12
      {"mode":"free"}                                      | {"calls":7}        | 0.00
      """)
  void pricesPerCallPerSecondPerUnitAndFree(String priceBody, String usage, String amount) {
    String meter = price(priceBody);
    Api.Response response = quote("{\"meter\":\"" + meter + "\",\"usage\":" + usage + "}");
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.text("amount")).isEqualTo(amount);
  }

  @Test
  void multipliesAVipGroupOfPointEightByFlexOneHalfButNeverTheTool() {
    String meter = price("{\"mode\":\"token\",\"inputPer1M\":\"2\",\"outputPer1M\":\"8\"}");
    String group = uniqueId("vip");
    String flex = uniqueId("flex");
    String search = uniqueId("web_search");
    assertThat(api().put("/v1/price-groups/" + group, "{\"multiplier\":\"0.8\"}").text("multiplier")).isEqualTo("4/5");
    assertThat(api().put("/v1/service-tiers/" + flex, "{\"multiplier\":\"1/2\"}").text("multiplier")).isEqualTo("1/2");
    assertThat(api().put("/v1/tools/" + search, "{\"perCall\":\"0.01\"}").text("perCall")).isEqualTo("0.01");
    String account = uniqueId("acct");
    api().post("/v1/accounts", "{\"id\":\"" + account + "\",\"name\":\"Vip\"}");
    Api.Response settings = api().put("/v1/accounts/" + account + "/settings", "{\"priceGroup\":\"" + group + "\"}");
    assertThat(settings.text("priceGroup")).isEqualTo(group);

    // (1M × 2 + 0.5M × 8) / 1M = 6.00 × 4/5 × 1/2 = 2.40; 3 searches × 0.01 = 0.03, not multiplied.
    Api.Response response = quote("{\"meter\":\"" + meter + "\",\"accountId\":\"" + account + "\",\"serviceTier\":\""
        + flex + "\",\"usage\":{\"inputTokens\":1000000,\"outputTokens\":500000,\"tools\":{\"" + search
        + "\":3,\"code_interpreter_unpriced\":2}}}");
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.text("amount")).isEqualTo("2.43");
    assertThat(response.text("multiplier")).isEqualTo("2/5");
    assertThat(breakdown(response)).containsEntry("tool:" + search, "0.03").containsEntry("input", "0.80");
    assertThat(breakdown(response)).doesNotContainKey("tool:code_interpreter_unpriced");
    assertThat(response.json().get("unpricedTools").get(0).asString()).isEqualTo("code_interpreter_unpriced");
  }

  @Test
  void ratesWithTheVersionInForceWhenTheUsageOccurred() {
    String meter = price("{\"mode\":\"call\",\"perCall\":\"1\",\"effectiveAt\":\"2026-01-01T00:00:00Z\"}");
    api().put("/v1/prices/" + meter, "{\"mode\":\"call\",\"perCall\":\"2\",\"effectiveAt\":\"2026-06-01T00:00:00Z\"}");
    Api.Response before = quote("{\"meter\":\"" + meter + "\",\"occurredAt\":\"2026-05-31T23:59:59.999999Z\",\"usage\":{}}");
    Api.Response after = quote("{\"meter\":\"" + meter + "\",\"occurredAt\":\"2026-06-01T00:00:00Z\",\"usage\":{}}");
    assertThat(before.text("amount")).isEqualTo("1.00");
    assertThat(before.text("priceEffectiveAt")).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(after.text("amount")).isEqualTo("2.00");
    assertThat(after.text("priceEffectiveAt")).isEqualTo("2026-06-01T00:00:00Z");

    Api.Response beforeAnyPrice = quote("{\"meter\":\"" + meter + "\",\"occurredAt\":\"2025-12-31T23:59:59Z\",\"usage\":{}}");
    assertThat(beforeAnyPrice.status()).isEqualTo(422);
    assertThat(beforeAnyPrice.code()).isEqualTo("price_missing");

    // Without occurredAt the clock decides: a price added now takes effect on this node at once.
    api().put("/v1/test/clock", "{\"now\":\"2026-07-01T00:00:00Z\"}");
    assertThat(quote("{\"meter\":\"" + meter + "\",\"usage\":{}}").text("amount")).isEqualTo("2.00");
    api().put("/v1/prices/" + meter, "{\"mode\":\"call\",\"perCall\":\"3\"}");
    assertThat(quote("{\"meter\":\"" + meter + "\",\"usage\":{}}").text("amount")).isEqualTo("3.00");
  }

  @ParameterizedTest(name = "{2}")
  @CsvSource(delimiter = '|', textBlock = """
      {"usage":{}}                                                   | 422 | missing_field
      {"meter":"@M"}                                                 | 422 | missing_field
      {"meter":"@M","usage":{},"monthlyUnits":3}                     | 422 | quote_ambiguous
      {"meter":"@M","usage":{"inputTokens":-1}}                      | 422 | usage_negative
      {"meter":"@M","usage":{"tools":{"web":-1}}}                    | 422 | usage_negative
      {"meter":"@M","monthlyUnits":-1}                               | 422 | usage_negative
      {"meter":"@M","monthlyUnits":5}                                | 422 | monthly_tiers_missing
      {"meter":"no-such-meter-ever","usage":{}}                      | 422 | price_missing
      {"meter":"no-such-meter-ever","monthlyUnits":1}                | 422 | price_missing
      {"meter":"@M","usage":{},"serviceTier":"no-such-tier-ever"}    | 422 | service_tier_not_found
      {"meter":"@M","usage":{},"accountId":"no-such-account-ever"}   | 404 | account_not_found
      {"meter":"@M","usage":{"calls":"1"}}                           | 400 | invalid_type
      {"meter":"@M","usage":{"calls":1.5}}                           | 400 | invalid_type
      {"meter":"@M","usage":{"minutes":1}}                           | 400 | unknown_field
      {"meter":"@M","usage":{"calls":9223372036854775807},"serviceTier":null} | 200 |
      """)
  void refusesABadQuoteWithAStableCode(String body, int status, String code) {
    String meter = price("{\"mode\":\"call\",\"perCall\":\"0.000000001\"}");
    Api.Response response = quote(body.replace("@M", meter));
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    if (code != null) {
      assertThat(response.code()).isEqualTo(code);
    }
  }

  @Test
  void refusesUsageWhoseAmountOverflows() {
    String meter = price("{\"mode\":\"call\",\"perCall\":\"1000\"}");
    Api.Response response = quote("{\"meter\":\"" + meter + "\",\"usage\":{\"calls\":9223372036854775807}}");
    assertThat(response.status()).isEqualTo(422);
    assertThat(response.code()).isEqualTo("amount_out_of_range");
  }
}
