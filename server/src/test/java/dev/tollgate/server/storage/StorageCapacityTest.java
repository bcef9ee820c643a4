package dev.tollgate.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.Api;
import dev.tollgate.server.support.ServerTest;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Seed 000's knowledge-base capacity: an edition's storage, the 7-day grace, excess invalid, restored. */
class StorageCapacityTest extends ServerTest {
  private static final String T0 = "2026-11-02T10:00:00Z";
  private static final String EDITION = "{\"name\":\"%s\",\"kind\":\"edition\",\"denomination\":\"money\","
      + "\"monthlyAllowance\":\"10\",\"price\":\"0\",\"currency\":\"USD\",\"validity\":\"P1M\",\"rank\":%d,"
      + "\"refundableDays\":0,\"storageCapacity\":%d}";

  @Autowired StorageCapacityJob job;
  @Autowired JdbcClient jdbc;

  @AfterEach
  void backToTheSystemClock() {
    api().delete("/v1/test/clock");
  }

  private void clock(String now) {
    assertThat(api().put("/v1/test/clock", "{\"now\":\"" + now + "\"}").status()).isEqualTo(200);
  }

  private String account(String prefix) {
    String id = uniqueId(prefix);
    Api.Response r = api().post("/v1/accounts", "{\"id\":\"" + id + "\",\"name\":\"" + id + "\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return id;
  }

  private String edition(String name, int rank, long capacity) {
    String id = uniqueId("kb");
    Api.Response r = api().put("/v1/packages/" + id, EDITION.formatted(name, rank, capacity));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.json().get("storageCapacity").asLong()).isEqualTo(capacity);
    return id;
  }

  private void buy(String account, String packageId) {
    Api.Response r = api().post("/v1/accounts/" + account + "/purchases",
        "{\"packageId\":\"" + packageId + "\",\"idempotencyKey\":\"" + UUID.randomUUID() + "\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
  }

  private JsonNode report(String account, long used) {
    Api.Response r = api().put("/v1/accounts/" + account + "/storage", "{\"usedUnits\":" + used + "}");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json();
  }

  private JsonNode status(String account) {
    Api.Response r = api().get("/v1/accounts/" + account + "/storage");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json();
  }

  private int notices(String account) {
    return jdbc.sql("SELECT count(*) FROM outbox WHERE account_id = ? AND kind = 'storage_excess_invalid'")
        .params(account).query(Integer.class).single();
  }

  @Test
  void marksTheExcessInvalidSevenDaysAfterUsageExceedsTheEditionsCapacityAndRestoresItWhenCapacityReturns() {
    clock("2026-11-01T00:00:00Z");
    String basic = edition("Basic", 0, 100);
    String pro = edition("Pro", 1, 200);
    String acct = account("kb");
    clock(T0);
    buy(acct, basic);

    JsonNode over = report(acct, 120);
    assertThat(over.get("status").asString()).isEqualTo("over_capacity");
    assertThat(over.get("capacityUnits").asLong()).isEqualTo(100);
    assertThat(over.get("excessUnits").asLong()).isEqualTo(20);
    assertThat(over.get("overSince").asString()).isEqualTo(T0);
    assertThat(over.get("invalidSince").isNull()).isTrue();

    clock("2026-11-09T09:59:59Z");
    job.run();
    assertThat(status(acct).get("status").asString()).isEqualTo("over_capacity");
    assertThat(notices(acct)).isZero();

    clock("2026-11-09T10:00:00Z");
    job.run();
    job.run();
    JsonNode invalid = status(acct);
    assertThat(invalid.get("status").asString()).isEqualTo("excess_invalid");
    assertThat(invalid.get("excessUnits").asLong()).isEqualTo(20);
    assertThat(invalid.get("overSince").asString()).isEqualTo(T0);
    assertThat(invalid.get("invalidSince").asString()).isEqualTo("2026-11-09T10:00:00Z");
    assertThat(notices(acct)).isEqualTo(1);

    buy(acct, pro);
    job.run();
    JsonNode restored = status(acct);
    assertThat(restored.get("status").asString()).isEqualTo("ok");
    assertThat(restored.get("capacityUnits").asLong()).isEqualTo(200);
    assertThat(restored.get("excessUnits").asLong()).isZero();
    assertThat(restored.get("overSince").isNull()).isTrue();
    assertThat(restored.get("invalidSince").isNull()).isTrue();
    assertThat(notices(acct)).isEqualTo(1);
  }

  @Test
  void makesTheCapacityZeroWhenTheEditionLapses() {
    clock("2026-11-01T00:00:00Z");
    String basic = edition("Basic", 0, 100);
    String acct = account("lapse");
    clock(T0);
    buy(acct, basic);
    assertThat(report(acct, 50).get("status").asString()).isEqualTo("ok");

    clock("2026-12-02T10:00:00Z");
    job.run();
    JsonNode lapsed = status(acct);
    assertThat(lapsed.get("capacityUnits").asLong()).isZero();
    assertThat(lapsed.get("excessUnits").asLong()).isEqualTo(50);
    assertThat(lapsed.get("status").asString()).isEqualTo("over_capacity");
    assertThat(lapsed.get("overSince").asString()).isEqualTo("2026-12-02T10:00:00Z");

    JsonNode emptied = report(acct, 0);
    assertThat(emptied.get("status").asString()).isEqualTo("ok");
    assertThat(emptied.get("overSince").isNull()).isTrue();
  }

  @Test
  void makesTheCapacityZeroWhileThePointsAreExhaustedAndRestoresItWithNewCredit() {
    clock("2026-11-01T00:00:00Z");
    String basic = edition("Basic", 0, 100);
    String meter = uniqueId("kb-agent");
    assertThat(api().put("/v1/prices/" + meter, "{\"mode\":\"call\",\"currency\":\"USD\",\"perCall\":\"10.00\"}")
        .status()).isEqualTo(200);
    String acct = account("pu");
    clock(T0);
    buy(acct, basic);
    assertThat(report(acct, 50).get("capacityUnits").asLong()).isEqualTo(100);

    // One call burns the whole monthly allowance of 10: the points are exhausted.
    Api.Response settled = api().post("/v1/settle", "{\"requestId\":\"" + uniqueId("r") + "\",\"accountId\":\""
        + acct + "\",\"meter\":\"" + meter + "\",\"status\":\"success\"}");
    assertThat(settled.status()).as(settled.toString()).isEqualTo(200);
    JsonNode exhausted = status(acct);
    assertThat(exhausted.get("capacityUnits").asLong()).isZero();
    assertThat(exhausted.get("status").asString()).isEqualTo("over_capacity");
    assertThat(exhausted.get("overSince").asString()).isEqualTo(T0);

    Api.Response topUp = api().post("/v1/accounts/" + acct + "/wallet/credits",
        "{\"amount\":\"5.00\",\"reason\":\"top-up\",\"idempotencyKey\":\"" + UUID.randomUUID() + "\"}");
    assertThat(topUp.status()).as(topUp.toString()).isEqualTo(201);
    JsonNode restored = status(acct);
    assertThat(restored.get("capacityUnits").asLong()).isEqualTo(100);
    assertThat(restored.get("status").asString()).isEqualTo("ok");
  }

  @Test
  void showsNothingUsedAndNoCapacityForAnAccountThatNeverReported() {
    JsonNode s = status(account("none"));
    assertThat(s.get("usedUnits").asLong()).isZero();
    assertThat(s.get("capacityUnits").asLong()).isZero();
    assertThat(s.get("status").asString()).isEqualTo("ok");
  }

  @Test
  void acceptsUsageUpToTheMaximumAndRefusesOnePastIt() {
    String acct = account("limit");
    long max = StorageController.USED_UNITS_MAX;
    assertThat(report(acct, max).get("usedUnits").asLong()).isEqualTo(max);
    String path = "/v1/accounts/" + acct + "/storage";
    Api.Response past = api().put(path, "{\"usedUnits\":" + (max + 1) + "}");
    assertThat(past.status()).isEqualTo(422);
    assertThat(past.code()).isEqualTo("used_units_invalid");
    assertThat(api().put(path, "{\"usedUnits\":-1}").code()).isEqualTo("used_units_invalid");
    assertThat(api().put(path, "{}").code()).isEqualTo("missing_field");
    assertThat(api().put(path, "{\"usedUnits\":\"5\"}").status()).isEqualTo(400);
    assertThat(api().put(path, "{\"usedUnits\":5,\"extra\":1}").status()).isEqualTo(400);
    assertThat(report(acct, 0).get("usedUnits").asLong()).isZero();
  }

  @Test
  void refusesAnUnknownAccount() {
    String path = "/v1/accounts/" + uniqueId("missing") + "/storage";
    Api.Response put = api().put(path, "{\"usedUnits\":1}");
    assertThat(put.status()).isEqualTo(404);
    assertThat(put.code()).isEqualTo("account_not_found");
    assertThat(api().get(path).code()).isEqualTo("account_not_found");
  }

  @Test
  void acceptsAnEditionsStorageCapacityUpToTheMaximumAndOnlyOnEditions() {
    long max = 1_000_000_000_000L;
    edition("Zero", 0, 0);
    edition("Largest", 0, max);
    String id = uniqueId("kb");
    Api.Response past = api().put("/v1/packages/" + id, EDITION.formatted("Past", 0, max + 1));
    assertThat(past.status()).isEqualTo(422);
    assertThat(past.code()).isEqualTo("storage_capacity_invalid");
    assertThat(api().put("/v1/packages/" + id, EDITION.formatted("Negative", 0, -1)).code())
        .isEqualTo("storage_capacity_invalid");
    Api.Response prepaid = api().put("/v1/packages/" + id, "{\"name\":\"P\",\"kind\":\"prepaid\",\"denomination\":"
        + "\"money\",\"amount\":\"10\",\"price\":\"10\",\"currency\":\"USD\",\"validity\":\"P1Y\",\"storageCapacity\":5}");
    assertThat(prepaid.status()).isEqualTo(422);
    assertThat(prepaid.code()).isEqualTo("field_not_applicable");
    Api.Response plain = api().put("/v1/packages/" + id, "{\"name\":\"P\",\"kind\":\"prepaid\",\"denomination\":"
        + "\"money\",\"amount\":\"10\",\"price\":\"10\",\"currency\":\"USD\",\"validity\":\"P1Y\"}");
    assertThat(plain.status()).as(plain.toString()).isEqualTo(200);
    assertThat(plain.json().get("storageCapacity").isNull()).isTrue();
  }
}
