package dev.tollgate.server.credit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.Api;
import dev.tollgate.server.support.ServerTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Seed 001: "team/enterprise owners allocate quota to members". */
class AllocationTest extends ServerTest {

  @Test
  void movesCreditFromTheRootWalletIntoTheMembersAllocationAndKeepsTheLedgerBalanced() {
    String team = uniqueId("team");
    String ana = team + "-ana";
    api().post("/v1/accounts", "{\"id\":\"" + team + "\",\"name\":\"Team\",\"currency\":\"CREDITS\"}");
    api().post("/v1/accounts", "{\"id\":\"" + ana + "\",\"name\":\"Ana\",\"parentId\":\"" + team + "\"}");
    api().post("/v1/accounts/" + team + "/wallet/credits",
        "{\"amount\":\"1000\",\"reason\":\"team plan\",\"idempotencyKey\":\"plan\"}");

    Api.Response allocation = api().post("/v1/accounts/" + ana + "/grants",
        "{\"kind\":\"allocation\",\"denomination\":\"money\",\"amount\":\"300\",\"idempotencyKey\":\"ana-nov\"}");
    assertThat(allocation.status()).as(allocation.toString()).isEqualTo(201);
    assertThat(allocation.text("unit")).isEqualTo("CREDITS");
    assertThat(allocation.text("remaining")).isEqualTo("300.00");

    // Unallocated credit stays with the root.
    assertThat(api().get("/v1/accounts/" + team + "/balance").text("wallet")).isEqualTo("700.00");
    assertThat(api().get("/v1/accounts/" + ana + "/balance").text("wallet")).isEqualTo("0.00");

    // The root's history shows the allocation too: its wallet paid for it.
    JsonNode rootLatest = api().get("/v1/accounts/" + team + "/ledger").json().get("items").get(0);
    assertThat(rootLatest.get("kind").asString()).isEqualTo("grant_issued");
    assertThat(rootLatest.get("postings").toString())
        .contains("\"ledgerAccount\":\"wallet:" + team + "\",\"unit\":\"CREDITS\",\"amount\":\"-300.00\"")
        .contains("\"ledgerAccount\":\"grant:" + allocation.text("id") + "\"");
    assertThat(api().get("/v1/accounts/" + ana + "/ledger").json().get("items")).hasSize(1);

    Api.Response tooMuch = api().post("/v1/accounts/" + ana + "/grants",
        "{\"kind\":\"allocation\",\"denomination\":\"money\",\"amount\":\"700.000000001\"}");
    assertThat(tooMuch.status()).isEqualTo(409);
    assertThat(tooMuch.code()).isEqualTo("insufficient_credit");
    assertThat(api().get("/v1/accounts/" + team + "/balance").text("wallet")).isEqualTo("700.00");

    JsonNode reconciliation = api().get("/v1/ledger/reconciliation?rootId=" + team).json();
    assertThat(reconciliation.get("balanced").asBoolean()).as(reconciliation.toString()).isTrue();
    assertThat(reconciliation.get("entriesChecked").asLong()).isEqualTo(2);
  }
}
