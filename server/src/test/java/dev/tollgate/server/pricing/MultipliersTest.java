package dev.tollgate.server.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.Api;
import dev.tollgate.server.support.ServerTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MultipliersTest extends ServerTest {

  private static List<String> names(Api.Response list, String key) {
    List<String> names = new ArrayList<>();
    list.json().get("items").forEach(item -> names.add(item.get(key).asString() + "=" + item.get(
        item.has("perCall") ? "perCall" : "multiplier").asString()));
    return names;
  }

  @Test
  void pricesToolsPerCallWithZeroForFreeAndListsThem() {
    String search = uniqueId("search");
    String free = uniqueId("free-tool");
    assertThat(api().put("/v1/tools/" + search, "{\"perCall\":\"0.025\"}").status()).isEqualTo(200);
    assertThat(api().put("/v1/tools/" + free, "{\"perCall\":\"0\"}").text("perCall")).isEqualTo("0.00");
    assertThat(api().put("/v1/tools/" + search, "{\"perCall\":\"0.03\"}").text("perCall")).isEqualTo("0.03");
    assertThat(names(api().get("/v1/tools"), "name")).contains(search + "=0.03", free + "=0.00");
  }

  @Test
  void keepsGroupAndTierMultipliersAsExactFractions() {
    String group = uniqueId("vip");
    String tier = uniqueId("priority");
    assertThat(api().put("/v1/price-groups/" + group, "{\"multiplier\":\"0.85\"}").text("multiplier")).isEqualTo("17/20");
    assertThat(api().put("/v1/service-tiers/" + tier, "{\"multiplier\":\"2\"}").text("multiplier")).isEqualTo("2/1");
    assertThat(names(api().get("/v1/price-groups"), "id")).contains(group + "=17/20");
    assertThat(names(api().get("/v1/service-tiers"), "name")).contains(tier + "=2/1");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      /v1/price-groups/g-@ID    | {"multiplier":"0"}     | multiplier_invalid
      /v1/price-groups/g-@ID    | {"multiplier":"-1/2"}  | multiplier_invalid
      /v1/service-tiers/t-@ID   | {"multiplier":"1/0"}   | multiplier_invalid
      /v1/service-tiers/t-@ID   | {"multiplier":"1e2"}   | multiplier_invalid
      /v1/service-tiers/t-@ID   | {}                     | missing_field
      /v1/price-groups/-bad@ID  | {"multiplier":"1"}     | name_invalid
      /v1/tools/tool-@ID        | {}                     | missing_field
      /v1/tools/tool-@ID        | {"perCall":"-0.01"}    | price_negative
      /v1/tools/tool-@ID        | {"perCall":"abc"}      | amount_invalid
      """)
  void refusesBadMultipliersAndToolPrices(String path, String body, String code) {
    String id = uniqueId("x");
    Api.Response response = api().put(path.replace("@ID", id), body);
    assertThat(response.status()).as(response.toString()).isEqualTo(422);
    assertThat(response.code()).isEqualTo(code);
  }

  @Test
  void refusesAToolNameOnePastTheLimit() {
    String prefix = uniqueId("t");
    assertThat(api().put("/v1/tools/" + prefix + "x".repeat(64 - prefix.length()), "{\"perCall\":\"1\"}").status()).isEqualTo(200);
    Api.Response tooLong = api().put("/v1/tools/" + prefix + "x".repeat(65 - prefix.length()), "{\"perCall\":\"1\"}");
    assertThat(tooLong.status()).isEqualTo(422);
    assertThat(tooLong.code()).isEqualTo("tool_name_invalid");
  }

  @Test
  void assignsAndClearsAnAccountsPriceGroupAndRefusesAnUnknownOne() {
    String account = uniqueId("acct");
    String group = uniqueId("gold");
    api().post("/v1/accounts", "{\"id\":\"" + account + "\",\"name\":\"Gold\"}");
    api().put("/v1/price-groups/" + group, "{\"multiplier\":\"0.9\"}");

    Api.Response unknown = api().put("/v1/accounts/" + account + "/settings", "{\"priceGroup\":\"no-such-group\"}");
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.code()).isEqualTo("price_group_not_found");
    assertThat(api().get("/v1/accounts/" + account + "/settings").text("priceGroup")).isNull();

    assertThat(api().put("/v1/accounts/" + account + "/settings", "{\"priceGroup\":\"" + group + "\"}").text("priceGroup"))
        .isEqualTo(group);
    assertThat(api().put("/v1/accounts/" + account + "/settings", "{\"postpaidEnabled\":false}").text("priceGroup"))
        .isEqualTo(group);
    assertThat(api().put("/v1/accounts/" + account + "/settings", "{\"priceGroup\":\"\"}").text("priceGroup")).isNull();
  }
}
