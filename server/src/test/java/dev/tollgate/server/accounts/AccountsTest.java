package dev.tollgate.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.Api;
import dev.tollgate.server.support.ServerTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccountsTest extends ServerTest {

  @AfterEach
  void backToTheSystemClock() {
    api().delete("/v1/test/clock");
  }

  private Api.Response create(String json) {
    return api().post("/v1/accounts", json);
  }

  @Test
  void createsARootAccountWithDefaults() {
    String id = uniqueId("acme");
    Api.Response response = create("{\"id\":\"" + id + "\",\"name\":\"Acme\"}");
    assertThat(response.status()).isEqualTo(201);
    assertThat(response.text("id")).isEqualTo(id);
    assertThat(response.text("rootId")).isEqualTo(id);
    assertThat(response.text("parentId")).isNull();
    assertThat(response.text("currency")).isEqualTo("USD");
    assertThat(response.text("timezone")).isEqualTo("UTC");
    assertThat(response.text("status")).isEqualTo("active");
    assertThat(response.json().get("settings").get("postpaidEnabled").asBoolean()).isFalse();

    Api.Response read = api().get("/v1/accounts/" + id);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json()).isEqualTo(response.json());
  }

  @Test
  void answersTheSameCreateAgainWithTheAccountAndChangesNothing() {
    String id = uniqueId("again");
    String body = "{\"id\":\"" + id + "\",\"name\":\"Again\",\"currency\":\"CNY\",\"timezone\":\"Asia/Shanghai\"}";
    Api.Response first = create(body);
    Api.Response second = create(body);
    assertThat(first.status()).isEqualTo(201);
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.json()).isEqualTo(first.json());
  }

  @Test
  void refusesADifferentAccountUnderAnExistingId() {
    String id = uniqueId("taken");
    create("{\"id\":\"" + id + "\",\"name\":\"First\"}");
    Api.Response response = create("{\"id\":\"" + id + "\",\"name\":\"Second\"}");
    assertThat(response.status()).isEqualTo(409);
    assertThat(response.code()).isEqualTo("account_exists");
    assertThat(api().get("/v1/accounts/" + id).text("name")).isEqualTo("First");
  }

  @Test
  void createsASubAccountThatInheritsCurrencyAndTimezone() {
    String root = uniqueId("team");
    create("{\"id\":\"" + root + "\",\"name\":\"Team\",\"currency\":\"CREDITS\",\"timezone\":\"Europe/Berlin\"}");
    Api.Response member = create("{\"id\":\"" + root + "-ana\",\"name\":\"Ana\",\"parentId\":\"" + root + "\"}");
    assertThat(member.status()).isEqualTo(201);
    assertThat(member.text("rootId")).isEqualTo(root);
    assertThat(member.text("parentId")).isEqualTo(root);
    assertThat(member.text("currency")).isEqualTo("CREDITS");
    assertThat(member.text("timezone")).isEqualTo("Europe/Berlin");
  }

  @Test
  void keepsSubAccountsOneLevelDeep() {
    String root = uniqueId("deep");
    create("{\"id\":\"" + root + "\",\"name\":\"Root\"}");
    create("{\"id\":\"" + root + "-1\",\"name\":\"Member\",\"parentId\":\"" + root + "\"}");
    Api.Response response = create("{\"id\":\"" + root + "-2\",\"name\":\"Grandchild\",\"parentId\":\"" + root + "-1\"}");
    assertThat(response.status()).isEqualTo(422);
    assertThat(response.code()).isEqualTo("parent_not_root");
  }

  @Test
  void refusesASubAccountInAnotherCurrencyThanItsRoot() {
    String root = uniqueId("cur");
    create("{\"id\":\"" + root + "\",\"name\":\"Root\",\"currency\":\"USD\"}");
    Api.Response response = create("{\"id\":\"" + root + "-m\",\"name\":\"M\",\"parentId\":\"" + root + "\",\"currency\":\"CNY\"}");
    assertThat(response.status()).isEqualTo(422);
    assertThat(response.code()).isEqualTo("currency_mismatch");
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(delimiter = '|', textBlock = """
      {"id":"has space","name":"X"}                              | account_id_invalid | id
      {"id":"-leading-dash","name":"X"}                          | account_id_invalid | id
      {"id":"ok-NAME","name":"   "}                              | name_invalid       | name
      {"id":"ok-TZ","name":"X","timezone":"Mars/Olympus"}        | timezone_invalid   | timezone
      {"id":"ok-TZ2","name":"X","timezone":"+02:00"}             | timezone_invalid   | timezone
      {"id":"ok-CUR","name":"X","currency":"usd"}                | currency_invalid   | currency
      {"id":"ok-PAR","name":"X","parentId":"no-such-parent"}     | parent_not_found   | parentId
      """)
  void refusesInvalidFieldsWith422NamingTheField(String body, String code, String field) {
    Api.Response response = create(body);
    assertThat(response.status()).as(response.toString()).isEqualTo(422);
    assertThat(response.code()).isEqualTo(code);
    assertThat(response.text("field")).isEqualTo(field);
  }

  @Test
  void refusesAnIdLongerThanSixtyFourCharacters() {
    assertThat(create("{\"id\":\"" + "a".repeat(65) + "\",\"name\":\"X\"}").code()).isEqualTo("account_id_invalid");
    String atLimit = uniqueId("x") + "a".repeat(64 - 10);
    assertThat(create("{\"id\":\"" + atLimit + "\",\"name\":\"X\"}").status()).isEqualTo(201);
  }

  @Test
  void answersAnUnknownAccountWith404() {
    Api.Response response = api().get("/v1/accounts/nobody-" + uniqueId("x"));
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.code()).isEqualTo("account_not_found");
  }

  @Test
  void listsAFamilyPageByPage() {
    String root = uniqueId("fam");
    create("{\"id\":\"" + root + "\",\"name\":\"Root\"}");
    for (int i = 0; i < 4; i++) {
      create("{\"id\":\"" + root + "-m" + i + "\",\"name\":\"M\",\"parentId\":\"" + root + "\"}");
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      Api.Response page = api().get("/v1/accounts?rootId=" + root + "&limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(page.status()).isEqualTo(200);
      page.json().get("items").forEach(item -> seen.add(item.get("id").asString()));
      cursor = page.text("nextCursor");
    } while (cursor != null);
    assertThat(seen).containsExactly(root, root + "-m0", root + "-m1", root + "-m2", root + "-m3");
  }

  @Test
  void refusesAPageSizeOverTheLimit() {
    assertThat(api().get("/v1/accounts?limit=200").status()).isEqualTo(200);
    Api.Response response = api().get("/v1/accounts?limit=201");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.code()).isEqualTo("limit_invalid");
  }

  @Test
  void suspendsAndRenamesAnAccount() {
    String id = uniqueId("sus");
    create("{\"id\":\"" + id + "\",\"name\":\"Before\"}");
    Api.Response response = api().patch("/v1/accounts/" + id, "{\"name\":\"After\",\"status\":\"suspended\"}");
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.text("name")).isEqualTo("After");
    assertThat(response.text("status")).isEqualTo("suspended");
    Api.Response invalid = api().patch("/v1/accounts/" + id, "{\"status\":\"asleep\"}");
    assertThat(invalid.status()).isEqualTo(422);
    assertThat(invalid.code()).isEqualTo("status_invalid");
  }

  @Test
  void changesThePostpaidSwitchAtMostOnceAnHour() {
    String id = uniqueId("post");
    api().put("/v1/test/clock", "{\"now\":\"2026-11-02T10:00:00Z\"}");
    create("{\"id\":\"" + id + "\",\"name\":\"Postpaid\"}");

    Api.Response on = api().put("/v1/accounts/" + id + "/settings", "{\"postpaidEnabled\":true}");
    assertThat(on.status()).isEqualTo(200);
    assertThat(on.json().get("postpaidEnabled").asBoolean()).isTrue();

    api().put("/v1/test/clock", "{\"now\":\"2026-11-02T10:59:59Z\"}");
    Api.Response tooSoon = api().put("/v1/accounts/" + id + "/settings", "{\"postpaidEnabled\":false}");
    assertThat(tooSoon.status()).isEqualTo(409);
    assertThat(tooSoon.code()).isEqualTo("postpaid_switch_too_soon");
    assertThat(api().get("/v1/accounts/" + id + "/settings").json().get("postpaidEnabled").asBoolean()).isTrue();

    // Setting the value it already has is not a change; other settings still apply.
    Api.Response same = api().put("/v1/accounts/" + id + "/settings", "{\"postpaidEnabled\":true,\"contentModeration\":false}");
    assertThat(same.status()).isEqualTo(200);
    assertThat(same.json().get("contentModeration").asBoolean()).isFalse();

    api().put("/v1/test/clock", "{\"now\":\"2026-11-02T11:00:00Z\"}");
    Api.Response off = api().put("/v1/accounts/" + id + "/settings", "{\"postpaidEnabled\":false}");
    assertThat(off.status()).isEqualTo(200);
    assertThat(off.json().get("postpaidEnabled").asBoolean()).isFalse();
  }

  @Test
  void answersSettingsOfAnUnknownAccountWith404() {
    Api.Response response = api().put("/v1/accounts/nobody-" + uniqueId("x") + "/settings", "{\"postpaidEnabled\":true}");
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.code()).isEqualTo("account_not_found");
  }
}
