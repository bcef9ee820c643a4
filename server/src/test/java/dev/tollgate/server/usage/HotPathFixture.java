package dev.tollgate.server.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.Api;

/** Sets up what a hot-path scenario needs, through the public API only. */
final class HotPathFixture {
  private final Api api;

  HotPathFixture(Api api) {
    this.api = api;
  }

  String account(String id) {
    Api.Response r = api.post("/v1/accounts", "{\"id\":\"" + id + "\",\"name\":\"" + id + "\"}");
    assertThat(r.status()).as(r.toString()).isIn(200, 201);
    return id;
  }

  String subAccount(String id, String parentId) {
    Api.Response r = api.post("/v1/accounts", "{\"id\":\"" + id + "\",\"name\":\"" + id + "\",\"parentId\":\"" + parentId + "\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return id;
  }

  void price(String meter, String json) {
    Api.Response r = api.put("/v1/prices/" + meter, json);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
  }

  String grant(String accountId, String json) {
    Api.Response r = api.post("/v1/accounts/" + accountId + "/grants", json);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.text("id");
  }

  void credit(String accountId, String amount) {
    Api.Response r = api.post("/v1/accounts/" + accountId + "/wallet/credits",
        "{\"amount\":\"" + amount + "\",\"reason\":\"test\",\"idempotencyKey\":\"" + java.util.UUID.randomUUID() + "\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
  }

  String key(String accountId) {
    Api.Response r = api.post("/v1/accounts/" + accountId + "/api-keys", "{}");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.text("key");
  }

  Api.Response authorize(String json) {
    return api.post("/v1/authorize", json);
  }

  Api.Response settle(String json) {
    return api.post("/v1/settle", json);
  }

  String wallet(String accountId) {
    return api.get("/v1/accounts/" + accountId + "/balance").text("wallet");
  }

  boolean reconciled() {
    Api.Response r = api.get("/v1/ledger/reconciliation");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json().get("balanced").asBoolean();
  }
}
