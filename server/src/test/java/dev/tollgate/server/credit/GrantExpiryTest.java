package dev.tollgate.server.credit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.Api;
import dev.tollgate.server.support.ServerTest;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class GrantExpiryTest extends ServerTest {
  @Autowired GrantExpiry expiry;

  @AfterEach
  void backToTheSystemClock() {
    api().delete("/v1/test/clock");
  }

  private void clock(String instant) {
    api().put("/v1/test/clock", "{\"now\":\"" + instant + "\"}");
  }

  private JsonNode grant(String account, String id) {
    for (JsonNode g : api().get("/v1/accounts/" + account + "/grants").json().get("items")) {
      if (g.get("id").asString().equals(id)) {
        return g;
      }
    }
    throw new AssertionError("no grant " + id);
  }

  @Test
  void postsAnExpiredGrantsRemainderToBreakageOnceAfterTheGrace() {
    clock("2026-05-01T00:00:00Z");
    String acct = uniqueId("expiring");
    api().post("/v1/accounts", "{\"id\":\"" + acct + "\",\"name\":\"E\"}");
    String grant = api().post("/v1/accounts/" + acct + "/grants",
        "{\"kind\":\"promo\",\"denomination\":\"money\",\"amount\":\"10.00\",\"expiresAt\":\"2026-06-01T00:00:00Z\"}").text("id");

    clock("2026-06-01T00:30:00Z");
    expiry.run();
    assertThat(grant(acct, grant).get("remaining").asString()).as("inside the grace a late settle may still burn it").isEqualTo("10.00");

    clock("2026-06-01T01:00:00Z");
    expiry.run();
    JsonNode expired = grant(acct, grant);
    assertThat(expired.get("remaining").asString()).isEqualTo("0.00");
    assertThat(expired.get("status").asString()).isEqualTo("expired");
    JsonNode entry = api().get("/v1/accounts/" + acct + "/ledger").json().get("items").get(0);
    assertThat(entry.get("kind").asString()).isEqualTo("expiry");
    assertThat(entry.get("postings").toString()).contains("breakage:promo");

    expiry.run();
    assertThat(api().get("/v1/accounts/" + acct + "/ledger").json().get("items").size()).isEqualTo(2);
    assertThat(api().get("/v1/ledger/reconciliation").json().get("balanced").asBoolean()).isTrue();
  }

  @Test
  void returnsAnExpiredTeamAllocationToTheRootsWallet() {
    clock("2026-05-01T00:00:00Z");
    String team = uniqueId("team");
    String ana = team + "-ana";
    api().post("/v1/accounts", "{\"id\":\"" + team + "\",\"name\":\"Team\"}");
    api().post("/v1/accounts", "{\"id\":\"" + ana + "\",\"name\":\"Ana\",\"parentId\":\"" + team + "\"}");
    api().post("/v1/accounts/" + team + "/wallet/credits", "{\"amount\":\"100.00\",\"reason\":\"seed\",\"idempotencyKey\":\"" + team + "\"}");
    Api.Response allocation = api().post("/v1/accounts/" + ana + "/grants",
        "{\"kind\":\"allocation\",\"denomination\":\"money\",\"amount\":\"30.00\",\"expiresAt\":\"2026-06-01T00:00:00Z\"}");
    assertThat(allocation.status()).as(allocation.toString()).isEqualTo(201);
    assertThat(api().get("/v1/accounts/" + team + "/balance").text("wallet")).isEqualTo("70.00");

    clock("2026-06-02T00:00:00Z");
    expiry.run();
    assertThat(api().get("/v1/accounts/" + team + "/balance").text("wallet")).isEqualTo("100.00");
    assertThat(api().get("/v1/ledger/reconciliation").json().get("balanced").asBoolean()).isTrue();
  }

  @Test
  void letsALateSettleInsideTheGraceBurnTheGrant() {
    clock("2026-05-01T00:00:00Z");
    String meter = uniqueId("late");
    api().put("/v1/prices/" + meter, "{\"mode\":\"call\",\"currency\":\"USD\",\"perCall\":\"1.00\",\"effectiveAt\":\"2026-01-01T00:00:00Z\"}");
    String acct = uniqueId("late");
    api().post("/v1/accounts", "{\"id\":\"" + acct + "\",\"name\":\"L\"}");
    String grant = api().post("/v1/accounts/" + acct + "/grants",
        "{\"kind\":\"trial\",\"denomination\":\"money\",\"amount\":\"5.00\",\"expiresAt\":\"2026-06-01T00:00:00Z\"}").text("id");
    clock("2026-06-01T00:20:00Z");
    Api.Response late = api().post("/v1/settle", "{\"requestId\":\"late-1\",\"accountId\":\"" + acct + "\",\"meter\":\"" + meter
        + "\",\"status\":\"success\",\"occurredAt\":\"" + Instant.parse("2026-05-31T23:59:00Z") + "\"}");
    assertThat(late.json().get("charges").get(0).get("grantId").asString()).isEqualTo(grant);
    clock("2026-06-01T02:00:00Z");
    expiry.run();
    assertThat(api().get("/v1/ledger/reconciliation").json().get("balanced").asBoolean()).isTrue();
  }
}
