package dev.tollgate.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.Api;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The dispatcher: retries with backoff on the business clock, dead letters, the inbox, racing nodes. */
class NotificationDeliveryTest extends NotificationServerTest {
  private static final Instant T0 = Instant.parse("2027-05-01T00:00:00Z");

  @Autowired Outbox outbox;
  @Autowired NoticeDispatcher dispatcher;

  @BeforeEach
  void setUp() {
    clock(T0);
    channelsOn();
  }

  @AfterEach
  void backToTheSystemClock() {
    api().delete("/v1/test/clock");
  }

  @Test
  void aFailingReceiverIsRetriedWithBackoffAsTheClockMovesAndGoesDeadAfterTheLastAttempt() {
    String acct = account("failing");
    WEBHOOKS.answer(hookPath(acct), 500);
    notice(acct, "bill_issued", T0);

    dispatcher.dispatchOnce();
    dispatcher.dispatchOnce();
    assertThat(WEBHOOKS.at(hookPath(acct))).hasSize(1);
    JsonNode delivery = webhookDelivery(acct);
    assertThat(delivery.get("status").asString()).isEqualTo("failed");
    assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
    assertThat(delivery.get("lastStatusCode").asInt()).isEqualTo(500);
    assertThat(Instant.parse(delivery.get("nextAttemptAt").asString())).isEqualTo(T0.plus(Duration.ofMinutes(1)));

    // Backoff 1 min, 5 min, 30 min, 2 h, 12 h: nothing a second early, one attempt when due.
    Instant at = T0;
    int attempts = 1;
    for (Duration wait : RetrySchedule.BACKOFF) {
      at = at.plus(wait);
      clock(at.minusSeconds(1));
      dispatcher.dispatchOnce();
      assertThat(WEBHOOKS.at(hookPath(acct))).hasSize(attempts);
      clock(at);
      dispatcher.dispatchOnce();
      attempts++;
      assertThat(WEBHOOKS.at(hookPath(acct))).hasSize(attempts);
    }
    assertThat(attempts).isEqualTo(RetrySchedule.ATTEMPTS_MAX);
    delivery = webhookDelivery(acct);
    assertThat(delivery.get("status").asString()).isEqualTo("dead");
    assertThat(delivery.get("attempts").asInt()).isEqualTo(6);
    assertThat(delivery.get("nextAttemptAt").isNull()).isTrue();

    clock(at.plus(Duration.ofDays(3)));
    dispatcher.dispatchOnce();
    assertThat(WEBHOOKS.at(hookPath(acct))).hasSize(6);
    assertThat(api().get("/v1/notifications/deliveries?accountId=" + acct + "&status=dead").json().get("items"))
        .hasSize(1);

    // The operator fixes the receiver and retries the dead delivery by hand.
    WEBHOOKS.answer(hookPath(acct), 200);
    Api.Response retried = api().post("/v1/notifications/deliveries/" + delivery.get("id").asString() + "/retry", "");
    assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
    assertThat(retried.text("status")).isEqualTo("pending");
    dispatcher.dispatchOnce();
    assertThat(WEBHOOKS.at(hookPath(acct))).hasSize(7);
    assertThat(webhookDelivery(acct).get("status").asString()).isEqualTo("sent");
    Api.Response again = api().post("/v1/notifications/deliveries/" + delivery.get("id").asString() + "/retry", "");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.code()).isEqualTo("delivery_not_retryable");
    // Every attempt carried the same event id, so the receiver can dedupe.
    assertThat(WEBHOOKS.at(hookPath(acct))).extracting(WebhookReceiver.Received::eventId).containsOnly(
        WEBHOOKS.at(hookPath(acct)).get(0).eventId());
  }

  @Test
  void dispatchersRacingSendEachDeliveryOnce() throws Exception {
    String acct = account("race");
    // More than one claim batch, so the racing runs interleave their claims.
    int notices = NoticeDispatcher.CLAIM_BATCH_MAX * 2 + 10;
    int dispatchers = 3;
    for (int i = 0; i < notices; i++) {
      notice(acct, "bill_issued", T0);
    }
    ExecutorService pool = Executors.newFixedThreadPool(dispatchers);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<NoticeDispatcher.Dispatched>> runs = new ArrayList<>();
      for (int i = 0; i < dispatchers; i++) {
        runs.add(pool.submit(() -> {
          start.await();
          return dispatcher.dispatchOnce();
        }));
      }
      start.countDown();
      int sent = 0;
      for (Future<NoticeDispatcher.Dispatched> run : runs) {
        sent += run.get().sent();
      }
      // Webhook and e-mail per notice, between them; the inbox is written, not sent.
      assertThat(sent).isGreaterThanOrEqualTo(notices * 2);
    } finally {
      pool.shutdown();
    }
    List<WebhookReceiver.Received> hooks = WEBHOOKS.at(hookPath(acct));
    assertThat(hooks).hasSize(notices);
    assertThat(hooks.stream().map(WebhookReceiver.Received::eventId).distinct()).hasSize(notices);
    assertThat(mailTo(email(acct))).hasSize(notices);
    assertThat(api().get("/v1/accounts/" + acct + "/inbox?limit=200").json().get("items")).hasSize(notices);
  }

  @Test
  void theInboxListsNoticesNewestFirstAndMarksThemRead() {
    String acct = account("inbox");
    String other = account("inbox-other");
    notice(acct, "bill_issued", T0);
    notice(acct, "account_overdue", T0.plusSeconds(1));
    notice(other, "bill_issued", T0);
    dispatcher.dispatchOnce();

    JsonNode items = api().get("/v1/accounts/" + acct + "/inbox").json().get("items");
    assertThat(items).extracting(n -> n.get("kind").asString()).containsExactly("account_overdue", "bill_issued");
    assertThat(items.get(0).get("readAt").isNull()).isTrue();
    assertThat(items.get(0).get("data").get("billId").asString()).isNotEmpty();

    Api.Response page = api().get("/v1/accounts/" + acct + "/inbox?limit=1");
    assertThat(page.json().get("items")).hasSize(1);
    Api.Response next = api().get("/v1/accounts/" + acct + "/inbox?limit=1&cursor=" + page.text("nextCursor"));
    assertThat(next.json().get("items").get(0).get("kind").asString()).isEqualTo("bill_issued");
    assertThat(next.json().get("nextCursor").isNull()).isTrue();

    String overdue = items.get(0).get("id").asString();
    clock(T0.plus(Duration.ofMinutes(3)));
    Api.Response read = api().post("/v1/accounts/" + acct + "/inbox/" + overdue + "/read", "");
    assertThat(read.status()).as(read.toString()).isEqualTo(200);
    assertThat(read.text("readAt")).isEqualTo(T0.plus(Duration.ofMinutes(3)).toString());
    clock(T0.plus(Duration.ofMinutes(4)));
    assertThat(api().post("/v1/accounts/" + acct + "/inbox/" + overdue + "/read", "").text("readAt"))
        .isEqualTo(T0.plus(Duration.ofMinutes(3)).toString());
    assertThat(api().get("/v1/accounts/" + acct + "/inbox?unread=true").json().get("items"))
        .extracting(n -> n.get("kind").asString()).containsExactly("bill_issued");

    Api.Response notMine = api().post("/v1/accounts/" + other + "/inbox/" + overdue + "/read", "");
    assertThat(notMine.status()).isEqualTo(404);
    assertThat(notMine.code()).isEqualTo("notice_not_found");
  }

  @Test
  void aChannelTurnedOffForAnAccountSendsNothingThere() {
    String acct = account("quiet");
    Api.Response r = api().put("/v1/accounts/" + acct + "/notifications/settings",
        "{\"channels\":{\"webhook\":false,\"inbox\":false},\"webhookUrl\":\"" + WEBHOOKS.url(hookPath(acct))
            + "\",\"emailRecipients\":[\"" + email(acct) + "\"]}");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.json().get("effective").get("channels").get("email").asBoolean()).isTrue();
    notice(acct, "bill_issued", T0);
    dispatcher.dispatchOnce();
    assertThat(WEBHOOKS.at(hookPath(acct))).isEmpty();
    assertThat(mailTo(email(acct))).hasSize(1);
    assertThat(api().get("/v1/accounts/" + acct + "/inbox").json().get("items")).isEmpty();
    assertThat(api().get("/v1/notifications/deliveries?accountId=" + acct).json().get("items"))
        .extracting(d -> d.get("channel").asString()).containsExactly("email");
  }

  private void notice(String acct, String kind, Instant at) {
    String billId = uniqueId("bill");
    int written = outbox.enqueue(List.of(new Notice(acct, acct, kind, kind + ":" + billId, Map.of("billId", billId), at)));
    assertThat(written).isEqualTo(1);
  }

  private JsonNode webhookDelivery(String acct) {
    JsonNode items = api().get("/v1/notifications/deliveries?accountId=" + acct).json().get("items");
    List<JsonNode> webhooks = IntStream.range(0, items.size()).mapToObj(items::get)
        .filter(d -> d.get("channel").asString().equals("webhook")).toList();
    assertThat(webhooks).hasSize(1);
    return webhooks.get(0);
  }

  private void clock(Instant now) {
    Api.Response r = api().put("/v1/test/clock", "{\"now\":\"" + now + "\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
  }
}
