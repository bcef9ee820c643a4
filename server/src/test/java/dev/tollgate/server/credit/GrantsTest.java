package dev.tollgate.server.credit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.Api;
import dev.tollgate.server.support.ServerTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

class GrantsTest extends ServerTest {

  @AfterEach
  void backToTheSystemClock() {
    api().delete("/v1/test/clock");
  }

  private String account(String prefix) {
    String id = uniqueId(prefix);
    assertThat(api().post("/v1/accounts", "{\"id\":\"" + id + "\",\"name\":\"" + prefix + "\"}").status()).isEqualTo(201);
    return id;
  }

  private Api.Response issue(String account, String body) {
    return api().post("/v1/accounts/" + account + "/grants", body);
  }

  private JsonNode onlyGrant(String account) {
    JsonNode items = api().get("/v1/accounts/" + account + "/grants").json().get("items");
    assertThat(items).hasSize(1);
    return items.get(0);
  }

  @Test
  void issuesAMoneyGrantForEveryMeterWithDefaults() {
    String acme = account("acme");
    Api.Response response = issue(acme, "{\"kind\":\"trial\",\"denomination\":\"money\",\"amount\":\"5.00\"}");
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    assertThat(response.text("id")).startsWith("g_");
    assertThat(response.text("kind")).isEqualTo("trial");
    assertThat(response.text("unit")).isEqualTo("USD");
    assertThat(response.json().get("meters").isNull()).isTrue();
    assertThat(response.text("amount")).isEqualTo("5.00");
    assertThat(response.text("remaining")).isEqualTo("5.00");
    assertThat(response.json().get("priority").asInt()).isEqualTo(50);
    assertThat(response.text("status")).isEqualTo("available");
    assertThat(onlyGrant(acme)).isEqualTo(response.json());
  }

  @Test
  void showsAGrantNotAppliedThenAvailableThenExpiredAsTheClockMoves() {
    String acme = account("clock");
    api().put("/v1/test/clock", "{\"now\":\"2026-11-01T00:00:00Z\"}");
    Api.Response issued = issue(acme, """
        {"kind":"edition","denomination":"money","amount":"100","effectiveAt":"2026-11-05T00:00:00Z",
         "expiresAt":"2026-12-05T00:00:00Z"}""");
    assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
    assertThat(issued.text("status")).isEqualTo("not_applied");

    api().put("/v1/test/clock", "{\"now\":\"2026-11-05T00:00:00Z\"}");
    assertThat(onlyGrant(acme).get("status").asString()).isEqualTo("available");
    api().put("/v1/test/clock", "{\"now\":\"2026-12-04T23:59:59Z\"}");
    assertThat(onlyGrant(acme).get("status").asString()).isEqualTo("available");
    api().put("/v1/test/clock", "{\"now\":\"2026-12-05T00:00:00Z\"}");
    assertThat(onlyGrant(acme).get("status").asString()).isEqualTo("expired");
    // The balance shows only grants that can still be used.
    assertThat(api().get("/v1/accounts/" + acme + "/balance").json().get("grants")).isEmpty();
  }

  @Test
  void issuesFiveHundredPicturesOfTheImageStyleTransferApiAsAUnitsGrant() {
    String studio = account("studio");
    Api.Response response = issue(studio, """
        {"kind":"prepaid","denomination":"units","meters":["image-style-transfer"],"amount":500}""");
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    assertThat(response.text("unit")).isEqualTo("units:image-style-transfer");
    assertThat(response.text("amount")).isEqualTo("500");
    assertThat(response.json().get("meters").get(0).asString()).isEqualTo("image-style-transfer");

    JsonNode entry = api().get("/v1/accounts/" + studio + "/ledger").json().get("items").get(0);
    assertThat(entry.get("kind").asString()).isEqualTo("grant_issued");
    assertThat(entry.get("postings").toString())
        .contains("\"ledgerAccount\":\"grant:" + response.text("id") + "\",\"unit\":\"units:image-style-transfer\",\"amount\":\"500\"")
        .contains("\"ledgerAccount\":\"grant_funding:prepaid\",\"unit\":\"units:image-style-transfer\",\"amount\":\"-500\"");
  }

  @Test
  void answersTheSameKeyAndBodyWithTheFirstGrantAndPostsOneEntry() {
    String acme = account("idem");
    String body = "{\"kind\":\"promo\",\"denomination\":\"money\",\"amount\":\"10\",\"idempotencyKey\":\"promo-1\"}";
    Api.Response first = issue(acme, body);
    Api.Response second = issue(acme, body);
    assertThat(first.status()).isEqualTo(201);
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.json()).isEqualTo(first.json());
    assertThat(api().get("/v1/accounts/" + acme + "/grants").json().get("items")).hasSize(1);
    assertThat(api().get("/v1/accounts/" + acme + "/ledger").json().get("items")).hasSize(1);

    Api.Response other = issue(acme, body.replace("\"10\"", "\"11\""));
    assertThat(other.status()).isEqualTo(409);
    assertThat(other.code()).isEqualTo("idempotency_key_mismatch");
    assertThat(api().get("/v1/accounts/" + acme + "/grants").json().get("items")).hasSize(1);
  }

  @Test
  void showsAnAddOnUnavailableWhileNoEditionIsActive() {
    String acme = account("addon");
    Api.Response addOn = issue(acme, """
        {"kind":"prepaid","denomination":"money","amount":"20","requiresEdition":true}""");
    assertThat(addOn.text("status")).isEqualTo("unavailable");
    issue(acme, "{\"kind\":\"edition\",\"denomination\":\"money\",\"amount\":\"100\"}");
    JsonNode grants = api().get("/v1/accounts/" + acme + "/grants").json().get("items");
    assertThat(grants.get(0).get("status").asString()).isEqualTo("available");
  }

  @Test
  void pagesThroughGrantsOldestFirst() {
    String acme = account("pages");
    for (int i = 1; i <= 3; i++) {
      issue(acme, "{\"kind\":\"free\",\"denomination\":\"money\",\"amount\":\"" + i + "\"}");
    }
    Api.Response first = api().get("/v1/accounts/" + acme + "/grants?limit=2");
    assertThat(first.json().get("items")).hasSize(2);
    Api.Response second = api().get("/v1/accounts/" + acme + "/grants?limit=2&cursor=" + first.text("nextCursor"));
    assertThat(second.json().get("items")).hasSize(1);
    assertThat(second.json().get("items").get(0).get("amount").asString()).isEqualTo("3.00");
    assertThat(second.text("nextCursor")).isNull();
  }

  @ParameterizedTest(name = "{0} → {1} {2}")
  @CsvSource(delimiter = '|', textBlock = """
      {"kind":"gift","denomination":"money","amount":"1"}                                     | 422 | kind_invalid
      {"denomination":"money","amount":"1"}                                                   | 422 | missing_field
      {"kind":"free","denomination":"coins","amount":"1"}                                     | 422 | denomination_invalid
      {"kind":"free","denomination":"money","meters":[],"amount":"1"}                         | 422 | meters_empty
      {"kind":"free","denomination":"money","meters":["a","a"],"amount":"1"}                  | 422 | meter_invalid
      {"kind":"free","denomination":"money","meters":[" "],"amount":"1"}                      | 422 | meter_invalid
      {"kind":"prepaid","denomination":"units","amount":"500"}                                | 422 | units_grant_needs_one_meter
      {"kind":"prepaid","denomination":"units","meters":["a","b"],"amount":"500"}             | 422 | units_grant_needs_one_meter
      {"kind":"prepaid","denomination":"units","meters":["a"],"amount":"1.5"}                 | 422 | amount_invalid
      {"kind":"free","denomination":"money","amount":"abc"}                                   | 422 | amount_invalid
      {"kind":"free","denomination":"money","amount":"0.0000000001"}                          | 422 | amount_precision
      {"kind":"free","denomination":"money","amount":"0"}                                     | 422 | amount_not_positive
      {"kind":"free","denomination":"money","amount":"-3"}                                    | 422 | amount_not_positive
      {"kind":"free","denomination":"money"}                                                  | 422 | missing_field
      {"kind":"free","denomination":"money","amount":12}                                      | 400 | invalid_type
      {"kind":"free","denomination":"money","amount":"1","priority":1001}                     | 422 | priority_invalid
      {"kind":"free","denomination":"money","amount":"1","priority":-1}                       | 422 | priority_invalid
      {"kind":"free","denomination":"money","amount":"1","priority":"5"}                      | 400 | invalid_type
      {"kind":"free","denomination":"money","amount":"1","effectiveAt":"2030-01-02T00:00:00Z","expiresAt":"2030-01-02T00:00:00Z"} | 422 | expiry_not_after_effective
      {"kind":"free","denomination":"money","amount":"1","expiresAt":"2001-01-01T00:00:00Z"}  | 422 | expiry_in_past
      {"kind":"free","denomination":"money","amount":"1","expiresAt":"yesterday"}             | 400 | invalid_type
      {"kind":"free","denomination":"money","amount":"1","idempotencyKey":""}                 | 422 | idempotency_key_invalid
      {"kind":"allocation","denomination":"money","amount":"1"}                               | 422 | allocation_needs_sub_account
      {"kind":"free","denomination":"money","amount":"1","colour":"red"}                      | 400 | unknown_field
      """)
  void refusesABadGrantAndIssuesNothing(String body, int status, String code) {
    String acme = account("bad");
    Api.Response response = issue(acme, body);
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.code()).isEqualTo(code);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(api().get("/v1/accounts/" + acme + "/grants").json().get("items")).isEmpty();
    assertThat(api().get("/v1/accounts/" + acme + "/ledger").json().get("items")).isEmpty();
  }

  @Test
  void refusesMoreThanAHundredMeters() {
    String acme = account("meters");
    String hundred = "\"m\"" + ",\"m\"".repeat(0);
    StringBuilder meters = new StringBuilder();
    for (int i = 0; i < 101; i++) {
      meters.append(i == 0 ? "" : ",").append("\"m").append(i).append('"');
    }
    String body = "{\"kind\":\"free\",\"denomination\":\"money\",\"amount\":\"1\",\"meters\":[" + meters + "]}";
    assertThat(issue(acme, body).code()).isEqualTo("meters_too_many");
    String atLimit = body.replace(",\"m100\"", "");
    assertThat(issue(acme, atLimit).status()).as(hundred).isEqualTo(201);
  }

  @Test
  void refusesAnAllocationInUnits() {
    String root = account("team");
    String member = root + "-ana";
    api().post("/v1/accounts", "{\"id\":\"" + member + "\",\"name\":\"Ana\",\"parentId\":\"" + root + "\"}");
    Api.Response response = issue(member, "{\"kind\":\"allocation\",\"denomination\":\"units\",\"meters\":[\"m\"],\"amount\":\"5\"}");
    assertThat(response.status()).isEqualTo(422);
    assertThat(response.code()).isEqualTo("allocation_not_money");
  }

  @Test
  void answersGrantsOfAnUnknownAccountWith404() {
    String nobody = "nobody-" + uniqueId("x");
    assertThat(issue(nobody, "{\"kind\":\"free\",\"denomination\":\"money\",\"amount\":\"1\"}").code())
        .isEqualTo("account_not_found");
    assertThat(api().get("/v1/accounts/" + nobody + "/grants").status()).isEqualTo(404);
    assertThat(api().get("/v1/accounts/" + nobody + "/balance").code()).isEqualTo("account_not_found");
  }

  @Test
  void refusesABadCursorAndPageSize() {
    String acme = account("cursor");
    assertThat(api().get("/v1/accounts/" + acme + "/grants?cursor=bm9wZQ").code()).isEqualTo("cursor_invalid");
    assertThat(api().get("/v1/accounts/" + acme + "/grants?limit=0").code()).isEqualTo("limit_invalid");
  }
}
