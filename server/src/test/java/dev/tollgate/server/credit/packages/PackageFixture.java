package dev.tollgate.server.credit.packages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.Api;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Sets up package scenarios through the public API only. */
final class PackageFixture {
  final Api api;

  PackageFixture(Api api) {
    this.api = api;
  }

  String account(String id) {
    Api.Response r = api.post("/v1/accounts", "{\"id\":\"" + id + "\",\"name\":\"" + id + "\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
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

  void credit(String accountId, String amount) {
    Api.Response r = api.post("/v1/accounts/" + accountId + "/wallet/credits",
        "{\"amount\":\"" + amount + "\",\"reason\":\"test\",\"idempotencyKey\":\"" + UUID.randomUUID() + "\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
  }

  String packageOf(String id, String json) {
    Api.Response r = api.put("/v1/packages/" + id, json);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return id;
  }

  Api.Response buy(String accountId, String packageId, int quantity, String key) {
    return api.post("/v1/accounts/" + accountId + "/purchases",
        "{\"packageId\":\"" + packageId + "\",\"quantity\":" + quantity + ",\"idempotencyKey\":\"" + key + "\"}");
  }

  JsonNode bought(String accountId, String packageId, int quantity) {
    Api.Response r = buy(accountId, packageId, quantity, UUID.randomUUID().toString());
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json();
  }

  Api.Response refund(String purchaseId) {
    return api.post("/v1/purchases/" + purchaseId + "/refund", "");
  }

  Api.Response settle(String accountId, String meter, String requestId, String occurredAt) {
    return api.post("/v1/settle", "{\"requestId\":\"" + requestId + "\",\"accountId\":\"" + accountId + "\",\"meter\":\""
        + meter + "\",\"status\":\"success\",\"usage\":{\"units\":1,\"calls\":1}"
        + (occurredAt == null ? "" : ",\"occurredAt\":\"" + occurredAt + "\"") + "}");
  }

  Api.Response authorize(String accountId, String meter, String requestId) {
    return api.post("/v1/authorize",
        "{\"requestId\":\"" + requestId + "\",\"accountId\":\"" + accountId + "\",\"meter\":\"" + meter + "\"}");
  }

  JsonNode balance(String accountId) {
    Api.Response r = api.get("/v1/accounts/" + accountId + "/balance");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json();
  }

  void clock(String now) {
    assertThat(api.put("/v1/test/clock", "{\"now\":\"" + now + "\"}").status()).isEqualTo(200);
  }

  boolean reconciled() {
    Api.Response r = api.get("/v1/ledger/reconciliation");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json().get("balanced").asBoolean();
  }
}
