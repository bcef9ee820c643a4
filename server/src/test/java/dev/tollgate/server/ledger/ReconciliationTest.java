package dev.tollgate.server.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.Api;
import dev.tollgate.server.support.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

class ReconciliationTest extends ServerTest {

  @Autowired JdbcClient jdbc;

  private String family() {
    String root = uniqueId("rec");
    api().post("/v1/accounts", "{\"id\":\"" + root + "\",\"name\":\"Root\"}");
    api().post("/v1/accounts", "{\"id\":\"" + root + "-m\",\"name\":\"Member\",\"parentId\":\"" + root + "\"}");
    post("/v1/accounts/" + root + "/wallet/credits", "{\"amount\":\"50\",\"reason\":\"r\",\"idempotencyKey\":\"c1\"}");
    post("/v1/accounts/" + root + "/wallet/debits", "{\"amount\":\"5.5\",\"reason\":\"r\",\"idempotencyKey\":\"d1\"}");
    post("/v1/accounts/" + root + "/grants", "{\"kind\":\"trial\",\"denomination\":\"money\",\"amount\":\"3\"}");
    post("/v1/accounts/" + root + "/grants",
        "{\"kind\":\"prepaid\",\"denomination\":\"units\",\"meters\":[\"image-style-transfer\"],\"amount\":\"500\"}");
    post("/v1/accounts/" + root + "-m/grants", "{\"kind\":\"allocation\",\"denomination\":\"money\",\"amount\":\"20\"}");
    post("/v1/accounts/" + root + "-m/wallet/credits", "{\"amount\":\"1\",\"reason\":\"r\",\"idempotencyKey\":\"c1\"}");
    return root;
  }

  private void post(String path, String body) {
    Api.Response response = api().post(path, body);
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
  }

  private JsonNode reconcile(String root) {
    Api.Response response = api().get("/v1/ledger/reconciliation" + (root == null ? "" : "?rootId=" + root));
    assertThat(response.status()).isEqualTo(200);
    return response.json();
  }

  @Test
  void findsTheLedgerBalancedAfterGrantsCreditsDebitsAndAnAllocation() {
    String root = family();
    JsonNode result = reconcile(root);
    assertThat(result.get("balanced").asBoolean()).as(result.toString()).isTrue();
    assertThat(result.get("entriesChecked").asLong()).isEqualTo(6);
    assertThat(result.get("mismatches")).isEmpty();
    assertThat(api().get("/v1/accounts/" + root + "/balance").text("wallet")).isEqualTo("24.50");
  }

  @Test
  void findsACorruptedWalletBalanceAndGrantRemaining() {
    String root = family();
    String grant = api().get("/v1/accounts/" + root + "/grants").json().get("items").get(1).get("id").asString();
    try {
      jdbc.sql("UPDATE wallets SET balance_nanos = balance_nanos + 1 WHERE root_id = ? AND account_id = ?")
          .params(root, root).update();
      jdbc.sql("UPDATE grants SET remaining = remaining - 7 WHERE root_id = ? AND id = ?").params(root, grant).update();

      JsonNode result = reconcile(root);
      assertThat(result.get("balanced").asBoolean()).isFalse();
      assertThat(result.get("mismatches").toString())
          .contains("{\"ledgerAccount\":\"grant:" + grant + "\",\"unit\":\"units:image-style-transfer\",\"journal\":\"500\",\"materialized\":\"493\"}")
          .contains("{\"ledgerAccount\":\"wallet:" + root + "\",\"unit\":\"USD\",\"journal\":\"24.50\",\"materialized\":\"24.500000001\"}");
      assertThat(reconcile(null).get("balanced").asBoolean()).isFalse();
    } finally {
      jdbc.sql("UPDATE wallets SET balance_nanos = balance_nanos - 1 WHERE root_id = ? AND account_id = ?")
          .params(root, root).update();
      jdbc.sql("UPDATE grants SET remaining = remaining + 7 WHERE root_id = ? AND id = ?").params(root, grant).update();
    }
    assertThat(reconcile(root).get("balanced").asBoolean()).isTrue();
  }

  @Test
  void findsAWalletRowWithNoPostingsBehind() {
    String root = uniqueId("ghost");
    api().post("/v1/accounts", "{\"id\":\"" + root + "\",\"name\":\"Ghost\"}");
    try {
      jdbc.sql("INSERT INTO wallets (root_id, account_id, currency, balance_nanos, updated_at) VALUES (?, ?, 'USD', 3, now())")
          .params(root, root).update();
      JsonNode result = reconcile(root);
      assertThat(result.get("balanced").asBoolean()).isFalse();
      assertThat(result.get("mismatches").get(0).get("journal").asString()).isEqualTo("0.00");
    } finally {
      jdbc.sql("DELETE FROM wallets WHERE root_id = ?").params(root).update();
    }
  }

  @Test
  void answersTheAccountsLedgerNewestFirstPageByPage() {
    String root = family();
    Api.Response first = api().get("/v1/accounts/" + root + "/ledger?limit=3");
    assertThat(first.json().get("items")).hasSize(3);
    JsonNode newest = first.json().get("items").get(0);
    assertThat(newest.get("kind").asString()).isEqualTo("grant_issued");
    assertThat(newest.get("accountId").asString()).isEqualTo(root + "-m");
    Api.Response second = api().get("/v1/accounts/" + root + "/ledger?limit=3&cursor=" + first.text("nextCursor"));
    JsonNode items = second.json().get("items");
    assertThat(items).hasSize(2);
    assertThat(items.get(1).get("kind").asString()).isEqualTo("topup");
    assertThat(items.get(1).get("postings").toString()).contains("\"amount\":\"50.00\"").contains("\"amount\":\"-50.00\"");
    assertThat(second.text("nextCursor")).isNull();
    assertThat(api().get("/v1/accounts/" + root + "/ledger?cursor=bm9wZQ").code()).isEqualTo("cursor_invalid");
    assertThat(api().get("/v1/accounts/nobody-" + root + "/ledger").code()).isEqualTo("account_not_found");
  }
}
