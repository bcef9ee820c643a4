package dev.tollgate.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.money.Nanos;
import dev.tollgate.server.reliability.AccountModel.Bought;
import dev.tollgate.server.reliability.AccountModel.Burn;
import dev.tollgate.server.reliability.AccountModel.ModelGrant;
import dev.tollgate.server.support.Api;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Runs one sequence's steps of a round against the server and checks every answer against the
 * model before the model takes the step: status and code, amounts, each charge line, replay bytes.
 */
final class SequenceRun {
  /** What the steps of one round share: the server, the catalog, fresh codes, the instant. */
  record Round(Api api, String meter, long unitPriceNanos, List<Catalog.Package> packages, Queue<String> codes,
      long codeNanos, String billMonth, Instant now) {}

  private final Round round;
  private final AccountModel model;
  private final List<String> trace;

  SequenceRun(Round round, AccountModel model, List<String> trace) {
    this.round = round;
    this.model = model;
    this.trace = trace;
  }

  void run(List<Action> steps) {
    for (Action step : steps) {
      trace.add(round.now() + " " + step);
      if (step instanceof Action.TopUp t) {
        topUp(t);
      } else if (step instanceof Action.Authorise a) {
        authorise(a);
      } else if (step instanceof Action.AuthoriseAgain a) {
        authoriseAgain(a);
      } else if (step instanceof Action.Release r) {
        release(r);
      } else if (step instanceof Action.Renew r) {
        renew(r);
      } else if (step instanceof Action.Settle st) {
        settle(st.pick(), st.units(), "success");
      } else if (step instanceof Action.Fail f) {
        settle(f.pick(), f.units(), "failed");
      } else if (step instanceof Action.Replay r) {
        replay(r);
      } else if (step instanceof Action.Purchase p) {
        purchase(p);
      } else if (step instanceof Action.Refund r) {
        refund(r);
      } else if (step instanceof Action.Redeem r) {
        redeem(r);
      } else if (step instanceof Action.ExpiringGrant g) {
        expiringGrant(g);
      } else if (step instanceof Action.PayBill) {
        payBill();
      }
    }
  }

  private Api api() {
    return round.api();
  }

  private String path() {
    return "/v1/accounts/" + model.accountId;
  }

  private void topUp(Action.TopUp t) {
    String body = "{\"amount\":\"" + Nanos.format(t.cents() * AccountModel.NANOS_PER_CENT) + "\",\"reason\":\"model\","
        + "\"idempotencyKey\":\"" + UUID.randomUUID() + "\"}";
    Api.Response r = api().post(path() + "/wallet/credits", body);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    model.walletNanos += t.cents() * AccountModel.NANOS_PER_CENT;
    assertThat(Nanos.parse(r.text("balance"))).as("balance after the top-up").isEqualTo(model.walletNanos);
    if (t.resend()) {
      Api.Response again = api().post(path() + "/wallet/credits", body);
      assertThat(again.status()).as(again.toString()).isEqualTo(200);
      assertThat(again.json()).as("a resent top-up answers the first").isEqualTo(r.json());
    }
  }

  private void authorise(Action.Authorise a) {
    String requestId = model.nextRequestId("r");
    long holdNanos = a.estimateUnits() * round.unitPriceNanos();
    String body = "{\"requestId\":\"" + requestId + "\",\"accountId\":\"" + model.accountId
        + "\",\"meter\":\"" + round.meter() + "\",\"estimate\":{\"units\":" + a.estimateUnits() + "}}";
    Api.Response r = api().post("/v1/authorize", body);
    if (model.canHold(holdNanos, round.now())) {
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(Nanos.parse(r.text("heldAmount"))).isEqualTo(holdNanos);
      AccountModel.Hold hold = new AccountModel.Hold(requestId, r.text("holdId"), holdNanos, body, r.body());
      model.openHolds.put(requestId, hold);
      model.allHolds.add(hold);
    } else {
      assertThat(r.status()).as(r.toString()).isEqualTo(402);
      assertThat(r.code()).isEqualTo("insufficient_credit");
    }
  }

  private void authoriseAgain(Action.AuthoriseAgain again) {
    if (model.openHolds.isEmpty()) {
      return;
    }
    AccountModel.Hold hold = new ArrayList<>(model.openHolds.values()).get(again.pick() % model.openHolds.size());
    Api.Response r = api().post("/v1/authorize", hold.authoriseBody());
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.text("holdId")).as("a retried authorise gets the same hold").isEqualTo(hold.holdId());
    assertThat(Nanos.parse(r.text("heldAmount"))).isEqualTo(hold.amountNanos());
  }

  private void release(Action.Release release) {
    if (model.openHolds.isEmpty()) {
      return;
    }
    AccountModel.Hold hold = new ArrayList<>(model.openHolds.values()).get(release.pick() % model.openHolds.size());
    Api.Response r = api().post("/v1/holds/" + hold.holdId() + "/release", "{}");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.text("status")).isEqualTo("released");
    model.openHolds.remove(hold.requestId());
  }

  private void renew(Action.Renew renew) {
    if (model.allHolds.isEmpty()) {
      return;
    }
    AccountModel.Hold hold = model.allHolds.get(renew.pick() % model.allHolds.size());
    Api.Response r = api().post("/v1/holds/" + hold.holdId() + "/renew", "{}");
    if (model.openHolds.containsKey(hold.requestId())) {
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(r.text("status")).isEqualTo("live");
    } else {
      assertThat(r.status()).as("renewing a hold that is settled, released or expired: " + r).isEqualTo(409);
      assertThat(r.code()).isEqualTo("hold_not_live");
    }
  }

  private void settle(int pick, int units, String status) {
    String requestId;
    String holdField = "";
    Map<String, AccountModel.Hold> holds = model.openHolds.isEmpty() ? model.staleHolds : model.openHolds;
    if (holds.isEmpty()) {
      requestId = model.nextRequestId("d");
    } else {
      requestId = new ArrayList<>(holds.keySet()).get(pick % holds.size());
      holdField = "\"holdId\":\"" + holds.get(requestId).holdId() + "\",";
    }
    String body = "{\"requestId\":\"" + requestId + "\"," + holdField + "\"accountId\":\"" + model.accountId + "\",\"meter\":\""
        + round.meter() + "\",\"status\":\"" + status + "\",\"usage\":{\"units\":" + units + "}}";
    Api.Response r = api().post("/v1/settle", body);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    long chargeNanos = status.equals("success") ? units * round.unitPriceNanos() : 0;
    List<Burn> expected = model.deduction(chargeNanos, round.now());
    assertThat(Nanos.parse(r.text("amount"))).as("amount of " + body).isEqualTo(chargeNanos);
    List<Burn> answered = new ArrayList<>();
    for (JsonNode c : r.json().get("charges")) {
      answered.add(new Burn(c.get("source").asString(), c.has("grantId") ? c.get("grantId").asString() : null,
          Nanos.parse(c.get("amount").asString())));
    }
    assertThat(answered).as("charges of " + body + " for " + model).isEqualTo(expected);
    model.apply(expected);
    holds.remove(requestId);
    model.settles.add(new AccountModel.Sent(body, r.body()));
  }

  private void replay(Action.Replay replay) {
    if (model.settles.isEmpty()) {
      return;
    }
    AccountModel.Sent first = model.settles.get(replay.pick() % model.settles.size());
    Api.Response r = api().post("/v1/settle", first.body());
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.body()).as("a replay answers the first body byte for byte").isEqualTo(first.answer());
  }

  private void purchase(Action.Purchase p) {
    Catalog.Package pkg = round.packages().get(p.packageIndex() % round.packages().size());
    Api.Response r = api().post(path() + "/purchases",
        "{\"packageId\":\"" + pkg.id() + "\",\"idempotencyKey\":\"" + UUID.randomUUID() + "\"}");
    if (model.walletNanos < pkg.priceNanos()) {
      assertThat(r.status()).as(r.toString()).isEqualTo(402);
      assertThat(r.code()).isEqualTo("insufficient_credit");
      return;
    }
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    JsonNode grants = r.json().get("grants");
    assertThat(grants.size()).isEqualTo(1);
    ModelGrant grant = grant(grants.get(0));
    assertThat(grant.amountNanos).isEqualTo(pkg.amountNanos());
    model.walletNanos -= pkg.priceNanos();
    model.grants.add(grant);
    model.purchases.add(new Bought(r.text("id"), pkg.priceNanos(), grant));
  }

  private void refund(Action.Refund refund) {
    if (model.purchases.isEmpty()) {
      return;
    }
    Bought bought = model.purchases.get(refund.pick() % model.purchases.size());
    Api.Response r = api().post("/v1/purchases/" + bought.purchaseId + "/refund", "{}");
    if (!bought.refunded && bought.grant.remainingNanos == bought.grant.amountNanos) {
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      bought.refunded = true;
      bought.grant.remainingNanos = 0;
      model.walletNanos += bought.priceNanos;
    } else {
      assertThat(r.status()).as(r.toString()).isEqualTo(409);
      assertThat(r.code()).isEqualTo("refund_not_allowed");
    }
  }

  private void redeem(Action.Redeem redeem) {
    if (redeem.again()) {
      if (model.redeemedCodes.isEmpty()) {
        return;
      }
      String used = model.redeemedCodes.get(redeem.pick() % model.redeemedCodes.size());
      Api.Response r = api().post(path() + "/redeem", "{\"code\":\"" + used + "\"}");
      assertThat(r.status()).as(r.toString()).isEqualTo(409);
      assertThat(r.code()).isEqualTo("code_exhausted");
      return;
    }
    String code = round.codes().remove();
    Api.Response r = api().post(path() + "/redeem", "{\"code\":\"" + code + "\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    model.walletNanos += round.codeNanos();
    model.redeemedCodes.add(code);
  }

  private void expiringGrant(Action.ExpiringGrant g) {
    Api.Response r = api().post(path() + "/grants", "{\"kind\":\"promo\",\"denomination\":\"money\",\"amount\":\""
        + Nanos.format(g.cents() * AccountModel.NANOS_PER_CENT) + "\",\"expiresAt\":\"" + round.now().plusSeconds(1800) + "\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    model.grants.add(grant(r.json()));
  }

  private void payBill() {
    Api.Response r = api().post(path() + "/bills/" + round.billMonth() + "/pay", "{\"source\":\"wallet\"}");
    if (model.billDueNanos == null) {
      assertThat(r.status()).as(r.toString()).isEqualTo(404);
      assertThat(r.code()).isEqualTo("bill_not_found");
    } else if (model.billPaid) {
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
    } else if (model.walletNanos < model.billDueNanos) {
      assertThat(r.status()).as(r.toString()).isEqualTo(409);
      assertThat(r.code()).isEqualTo("insufficient_credit");
    } else {
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(r.text("status")).isEqualTo("paid");
      model.walletNanos -= model.billDueNanos;
      model.receivableNanos += model.billDueNanos;
      model.billPaid = true;
    }
  }

  /** A grant as the server issued it; its order keys are inputs to the model, its amounts are checked. */
  private static ModelGrant grant(JsonNode view) {
    ModelGrant g = new ModelGrant(view.get("id").asString(), view.get("kind").asString(), view.get("priority").asInt(),
        Instant.parse(view.get("effectiveAt").asString()),
        view.get("expiresAt") == null || view.get("expiresAt").isNull() ? null : Instant.parse(view.get("expiresAt").asString()),
        Instant.parse(view.get("createdAt").asString()), Nanos.parse(view.get("amount").asString()));
    assertThat(Nanos.parse(view.get("remaining").asString())).isEqualTo(g.amountNanos);
    return g;
  }
}
