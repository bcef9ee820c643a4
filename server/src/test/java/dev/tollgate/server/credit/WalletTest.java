package dev.tollgate.server.credit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.Api;
import dev.tollgate.server.support.ServerTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WalletTest extends ServerTest {

  private String account(String prefix) {
    String id = uniqueId(prefix);
    assertThat(api().post("/v1/accounts", "{\"id\":\"" + id + "\",\"name\":\"" + prefix + "\"}").status()).isEqualTo(201);
    return id;
  }

  private Api.Response credit(String account, String amount, String key) {
    return api().post("/v1/accounts/" + account + "/wallet/credits",
        "{\"amount\":\"" + amount + "\",\"reason\":\"goodwill\",\"idempotencyKey\":\"" + key + "\"}");
  }

  private Api.Response debit(String account, String amount, String key) {
    return api().post("/v1/accounts/" + account + "/wallet/debits",
        "{\"amount\":\"" + amount + "\",\"reason\":\"correction\",\"idempotencyKey\":\"" + key + "\"}");
  }

  private String wallet(String account) {
    return api().get("/v1/accounts/" + account + "/balance").text("wallet");
  }

  @Test
  void creditsTheWalletAndShowsTheNewBalance() {
    String acme = account("topup");
    Api.Response first = credit(acme, "100", "c1");
    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    assertThat(first.text("id")).startsWith("wm_");
    assertThat(first.text("amount")).isEqualTo("100.00");
    assertThat(first.text("balance")).isEqualTo("100.00");
    assertThat(credit(acme, "0.0000025", "c2").text("balance")).isEqualTo("100.0000025");

    Api.Response balance = api().get("/v1/accounts/" + acme + "/balance");
    assertThat(balance.text("currency")).isEqualTo("USD");
    assertThat(balance.text("wallet")).isEqualTo("100.0000025");
    assertThat(balance.text("holds")).isEqualTo("0.00");
    assertThat(balance.json().get("postpaid").get("enabled").asBoolean()).isFalse();
    assertThat(balance.json().get("postpaid").get("accruedThisMonth").asString()).isEqualTo("0.00");
  }

  @Test
  void answersARetryWithTheFirstResultAndADifferentBodyWithAConflict() {
    String acme = account("retry");
    Api.Response first = credit(acme, "10", "k");
    Api.Response again = credit(acme, "10", "k");
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json()).isEqualTo(first.json());
    Api.Response other = credit(acme, "11", "k");
    assertThat(other.status()).isEqualTo(409);
    assertThat(other.code()).isEqualTo("idempotency_key_mismatch");
    // A debit under a credit's key is another request too.
    assertThat(debit(acme, "10", "k").code()).isEqualTo("idempotency_key_mismatch");
    assertThat(wallet(acme)).isEqualTo("10.00");
  }

  @Test
  void debitsTheWalletButNeverBelowZero() {
    String acme = account("debit");
    credit(acme, "30", "c");
    Api.Response debit = debit(acme, "12.5", "d1");
    assertThat(debit.status()).isEqualTo(201);
    assertThat(debit.text("balance")).isEqualTo("17.50");
    Api.Response tooMuch = debit(acme, "17.500000001", "d2");
    assertThat(tooMuch.status()).isEqualTo(409);
    assertThat(tooMuch.code()).isEqualTo("insufficient_credit");
    assertThat(debit(acme, "17.5", "d3").text("balance")).isEqualTo("0.00");
    assertThat(wallet(acme)).isEqualTo("0.00");
  }

  @Test
  void createsOneCreditFromFiftyParallelRequestsWithOneKey() throws Exception {
    String acme = account("race");
    int requests = 50;
    ExecutorService pool = Executors.newFixedThreadPool(requests);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Api.Response>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < requests; i++) {
        answers.add(pool.submit(() -> {
          start.await();
          return credit(acme, "7", "same-key");
        }));
      }
      start.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<Api.Response> answer : answers) {
        statuses.add(answer.get().status());
      }
      assertThat(statuses).containsOnly(200, 201);
      assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(wallet(acme)).isEqualTo("7.00");
    assertThat(api().get("/v1/accounts/" + acme + "/ledger").json().get("items")).hasSize(1);
    assertThat(api().get("/v1/ledger/reconciliation?rootId=" + acme).json().get("balanced").asBoolean()).isTrue();
  }

  @ParameterizedTest(name = "{0} → {1} {2}")
  @CsvSource(delimiter = '|', textBlock = """
      {"amount":"0","reason":"r","idempotencyKey":"k"}            | 422 | amount_not_positive
      {"amount":"-5","reason":"r","idempotencyKey":"k"}           | 422 | amount_not_positive
      {"amount":"1e3","reason":"r","idempotencyKey":"k"}          | 422 | amount_invalid
      {"amount":"99999999999","reason":"r","idempotencyKey":"k"}  | 422 | amount_out_of_range
      {"amount":5,"reason":"r","idempotencyKey":"k"}              | 400 | invalid_type
      {"reason":"r","idempotencyKey":"k"}                         | 422 | missing_field
      {"amount":"5","idempotencyKey":"k"}                         | 422 | missing_field
      {"amount":"5","reason":"  ","idempotencyKey":"k"}           | 422 | reason_invalid
      {"amount":"5","reason":"r"}                                 | 422 | missing_field
      {"amount":"5","reason":"r","idempotencyKey":""}             | 422 | idempotency_key_invalid
      {"amount":"5","reason":"r","idempotencyKey":"k","x":1}      | 400 | unknown_field
      {"amount":"5","reason":"r","idempotencyKey":"k"             | 400 | malformed_json
      """)
  void refusesABadMovementAndMovesNothing(String body, int status, String code) {
    String acme = account("badwallet");
    for (String path : List.of("credits", "debits")) {
      Api.Response response = api().post("/v1/accounts/" + acme + "/wallet/" + path, body);
      assertThat(response.status()).as(response.toString()).isEqualTo(status);
      assertThat(response.code()).isEqualTo(code);
    }
    assertThat(wallet(acme)).isEqualTo("0.00");
    assertThat(api().get("/v1/accounts/" + acme + "/ledger").json().get("items")).isEmpty();
  }

  @Test
  void refusesABalanceBeyondWhatAnAmountHolds() {
    String acme = account("huge");
    assertThat(credit(acme, "9000000000", "a").status()).isEqualTo(201);
    Api.Response over = credit(acme, "9000000000", "b");
    assertThat(over.status()).isEqualTo(422);
    assertThat(over.code()).isEqualTo("amount_out_of_range");
    assertThat(wallet(acme)).isEqualTo("9000000000.00");
  }

  @Test
  void refusesAReasonLongerThanTheLimit() {
    String acme = account("reason");
    String body = "{\"amount\":\"1\",\"reason\":\"%s\",\"idempotencyKey\":\"%s\"}";
    assertThat(api().post("/v1/accounts/" + acme + "/wallet/credits", body.formatted("r".repeat(500), "a")).status())
        .isEqualTo(201);
    assertThat(api().post("/v1/accounts/" + acme + "/wallet/credits", body.formatted("r".repeat(501), "b")).code())
        .isEqualTo("reason_invalid");
  }

  @Test
  void answersAMovementOnAnUnknownAccountWith404() {
    Api.Response response = credit("nobody-" + uniqueId("x"), "5", "k");
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.code()).isEqualTo("account_not_found");
  }
}
