package dev.tollgate.server.credit.packages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.Api;
import dev.tollgate.server.support.ServerTest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Issue 6: the period-allowances and auto-renew jobs, driven by the test clock. */
class PeriodAllowancesTest extends ServerTest {
  private static final String JAN_31 = "2026-01-31T10:00:00Z";

  @Autowired PeriodAllowancesJob allowances;
  @Autowired AutoRenewJob autoRenew;
  @Autowired JdbcClient jdbc;

  @AfterEach
  void backToTheSystemClock() {
    api().delete("/v1/test/clock");
  }

  private record Allowance(String id, Instant start, Instant end, long amount, Integer rank) {}

  /** The account's edition allowances, oldest first. */
  private List<Allowance> allowancesOf(String account) {
    return jdbc.sql("""
            SELECT id, effective_at, expires_at, amount, edition_rank FROM grants
             WHERE account_id = ? AND class = 'edition' ORDER BY effective_at, id""")
        .param(account)
        .query((rs, n) -> new Allowance(rs.getString("id"), rs.getTimestamp("effective_at").toInstant(),
            rs.getTimestamp("expires_at").toInstant(), rs.getLong("amount"), (Integer) rs.getObject("edition_rank")))
        .list();
  }

  private long issuedEntries(String account) {
    return jdbc.sql("SELECT count(*) FROM journal_entries WHERE account_id = ? AND kind = 'grant_issued'")
        .param(account).query(Long.class).single();
  }

  private String edition(PackageFixture fx, String validity, String price) {
    fx.clock("2026-01-01T00:00:00Z");
    return fx.packageOf(uniqueId("plan"), ("{\"name\":\"Pro\",\"kind\":\"edition\",\"denomination\":\"money\","
        + "\"monthlyAllowance\":\"50\",\"price\":\"%s\",\"currency\":\"USD\",\"validity\":\"%s\",\"rank\":3,"
        + "\"refundableDays\":0}").formatted(price, validity));
  }

  private String accountWithYearlyEdition(PackageFixture fx) {
    String pkg = edition(fx, "P1Y", "120");
    String acct = fx.account(uniqueId("yearly"));
    fx.credit(acct, "120.00");
    fx.clock(JAN_31);
    fx.bought(acct, pkg, 1);
    return acct;
  }

  @Test
  void aYearlyEditionBoughtOnJanuary31IssuesTwelveMonthlyAllowancesAndNoThirteenth() {
    PackageFixture fx = new PackageFixture(api());
    String acct = accountWithYearlyEdition(fx);
    Instant start = Instant.parse(JAN_31);
    for (int month = 1; month <= 14; month++) {
      // Just after each anniversary day: the 28th covers every month's clamped start and more.
      fx.clock(start.atOffset(ZoneOffset.UTC).plusMonths(month).plusMinutes(1).toInstant().toString());
      allowances.run();
      assertThat(allowancesOf(acct)).as("after month %d", month).hasSize(Math.min(month + 1, 12));
    }
    List<Allowance> all = allowancesOf(acct);
    assertThat(all.get(1).start()).isEqualTo(Instant.parse("2026-02-28T10:00:00Z"));
    assertThat(all.get(1).end()).isEqualTo(Instant.parse("2026-03-31T10:00:00Z"));
    assertThat(all.get(2).start()).isEqualTo(Instant.parse("2026-03-31T10:00:00Z"));
    assertThat(all.get(11).end()).isEqualTo(Instant.parse("2027-01-31T10:00:00Z"));
    assertThat(all).allSatisfy(a -> {
      assertThat(a.amount()).isEqualTo(50_000_000_000L);
      assertThat(a.rank()).isEqualTo(3);
    });
    assertThat(issuedEntries(acct)).isEqualTo(12);
    assertThat(fx.reconciled()).isTrue();
  }

  @Test
  void aRunAfterAYearOfDowntimeIssuesEveryDuePeriodAtOnceStillTwelve() {
    PackageFixture fx = new PackageFixture(api());
    String acct = accountWithYearlyEdition(fx);
    fx.clock("2027-06-01T00:00:00Z");
    allowances.run();
    allowances.run();
    List<Allowance> all = allowancesOf(acct);
    assertThat(all).hasSize(12);
    for (int i = 1; i < all.size(); i++) {
      assertThat(all.get(i).start()).as("period %d", i).isEqualTo(all.get(i - 1).end());
    }
    assertThat(issuedEntries(acct)).isEqualTo(12);
  }

  @Test
  void theSecondPeriodOfAJanuary31PurchaseStartsOnFebruary29InALeapYear() {
    PackageFixture fx = new PackageFixture(api());
    String pkg = edition(fx, "P1Y", "0");
    String acct = fx.account(uniqueId("leap"));
    fx.clock("2028-01-31T10:00:00Z");
    fx.bought(acct, pkg, 1);
    fx.clock("2028-02-29T09:59:59Z");
    allowances.run();
    assertThat(allowancesOf(acct)).hasSize(1);
    assertThat(allowancesOf(acct).get(0).end()).isEqualTo(Instant.parse("2028-02-29T10:00:00Z"));
    fx.clock("2028-02-29T10:00:00Z");
    allowances.run();
    assertThat(allowancesOf(acct)).extracting(Allowance::start)
        .containsExactly(Instant.parse("2028-01-31T10:00:00Z"), Instant.parse("2028-02-29T10:00:00Z"));
  }

  @Test
  void twoRunsRacingIssueEachPeriodOnce() throws Exception {
    PackageFixture fx = new PackageFixture(api());
    String acct = accountWithYearlyEdition(fx);
    fx.clock("2026-07-01T00:00:00Z");
    var barrier = new CyclicBarrier(2);
    var runs = new ArrayList<CompletableFuture<Void>>();
    for (int i = 0; i < 2; i++) {
      runs.add(CompletableFuture.runAsync(() -> {
        try {
          barrier.await();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        allowances.run();
      }));
    }
    for (var run : runs) {
      run.get();
    }
    assertThat(allowancesOf(acct)).hasSize(6);
    assertThat(issuedEntries(acct)).isEqualTo(6);
  }

  @Test
  void aRenewedMonthlyEditionKeepsAnAllowanceWithoutAHoleAndGoesOnIssuing() {
    PackageFixture fx = new PackageFixture(api());
    String pkg = edition(fx, "P1M", "10");
    String acct = fx.account(uniqueId("monthly"));
    fx.credit(acct, "30.00");
    fx.clock(JAN_31);
    String purchase = fx.bought(acct, pkg, 1).get("id").asString();
    // Jan 31 + P1M = Feb 28; renewed: Feb 28 + P1M = Mar 28; period 2 starts Mar 31 (from the anchor).
    renew(acct, purchase);
    fx.clock("2026-02-28T10:00:00Z");
    allowances.run();
    assertThat(allowancesOf(acct)).hasSize(2);
    assertThat(allowancesOf(acct).get(1).end()).isEqualTo(Instant.parse("2026-03-28T10:00:00Z"));
    // Renewed again (to Apr 28): period 1, cut at Mar 28, now runs to period 2's start.
    renew(acct, purchase);
    assertThat(allowancesOf(acct).get(1).end()).isEqualTo(Instant.parse("2026-03-31T10:00:00Z"));
    fx.clock("2026-03-31T10:00:00Z");
    allowances.run();
    assertThat(allowancesOf(acct)).hasSize(3);
    assertThat(allowancesOf(acct).get(1).end()).isEqualTo(Instant.parse("2026-03-31T10:00:00Z"));
    assertThat(allowancesOf(acct).get(2).end()).isEqualTo(Instant.parse("2026-04-28T10:00:00Z"));
  }

  private void renew(String acct, String purchase) {
    Api.Response r = api().post("/v1/accounts/" + acct + "/purchases/" + purchase + "/renew",
        "{\"idempotencyKey\":\"" + UUID.randomUUID() + "\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
  }

  private void autoRenewOn(String acct, String purchase) {
    Api.Response r = api().patch("/v1/accounts/" + acct + "/purchases/" + purchase, "{\"autoRenew\":true}");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
  }

  private JsonNode purchase(String id) {
    Api.Response r = api().get("/v1/purchases/" + id);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json();
  }

  @Test
  void autoRenewRenewsOnceWithinTheLeadTimeAndPaysFromTheWallet() {
    PackageFixture fx = new PackageFixture(api());
    String pkg = edition(fx, "P1M", "10");
    String acct = fx.account(uniqueId("auto"));
    fx.credit(acct, "25.00");
    fx.clock("2026-03-01T00:00:00Z");
    String id = fx.bought(acct, pkg, 1).get("id").asString();
    autoRenewOn(acct, id);

    fx.clock("2026-03-30T00:00:00Z"); // two days before expiry: outside the one-day lead
    autoRenew.run();
    assertThat(purchase(id).get("expiresAt").asString()).isEqualTo("2026-04-01T00:00:00Z");

    fx.clock("2026-03-31T00:00:00Z"); // exactly one day before: inside
    autoRenew.run();
    autoRenew.run();
    assertThat(purchase(id).get("expiresAt").asString()).isEqualTo("2026-05-01T00:00:00Z");
    assertThat(fx.balance(acct).get("wallet").asString()).isEqualTo("5.00");
    assertThat(fx.reconciled()).isTrue();
  }

  @Test
  void anAutoRenewalTheWalletCannotPayIsRecordedAndAnnouncedOnceAndNotRetried() {
    PackageFixture fx = new PackageFixture(api());
    String pkg = edition(fx, "P1M", "10");
    String acct = fx.account(uniqueId("broke"));
    fx.credit(acct, "15.00");
    fx.clock("2026-03-01T00:00:00Z");
    String id = fx.bought(acct, pkg, 1).get("id").asString();
    autoRenewOn(acct, id);
    fx.clock("2026-03-31T12:00:00Z");
    autoRenew.run();
    autoRenew.run();
    assertThat(purchase(id).get("expiresAt").asString()).isEqualTo("2026-04-01T00:00:00Z");
    assertThat(fx.balance(acct).get("wallet").asString()).isEqualTo("5.00");
    assertThat(jdbc.sql("SELECT code FROM auto_renewal_failures WHERE account_id = ?").param(acct)
        .query(String.class).list()).containsExactly("insufficient_credit");
    assertThat(jdbc.sql("SELECT count(*) FROM outbox WHERE account_id = ? AND kind = 'auto_renew_failed'")
        .param(acct).query(Long.class).single()).isEqualTo(1);
  }
}
