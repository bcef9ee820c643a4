package dev.tollgate.server.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.credit.Burn;
import dev.tollgate.core.credit.BurnSource;
import dev.tollgate.core.credit.Deduction;
import dev.tollgate.core.credit.Denomination;
import dev.tollgate.core.credit.RatedCharge;
import dev.tollgate.core.ledger.JournalEntries;
import dev.tollgate.core.ledger.LedgerUnit;
import dev.tollgate.server.credit.AccountDeduction;
import dev.tollgate.server.credit.CreditStore;
import dev.tollgate.server.credit.packages.ConcurrencySlots;
import dev.tollgate.server.ledger.Booking;
import dev.tollgate.server.ledger.JournalStore;
import dev.tollgate.server.store.Flight;
import dev.tollgate.server.store.Flights;
import dev.tollgate.server.support.ServerTest;
import dev.tollgate.server.support.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Hot-path batches run generic plans (Flights.startWithGenericPlans), chosen without the values of
 * their parameters: every read a batch sends must be answerable by index probes however many ids
 * it carries and however large the tables grow. Checked with PostgreSQL's own generic plan of each
 * statement, with sequential scans priced out so that one appears only where no index can serve.
 */
class HotPathPlansTest extends ServerTest {
  private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

  @Autowired Flights flights;
  @Autowired CreditStore credit;
  @Autowired CallStore calls;
  @Autowired HoldStore holds;
  @Autowired UsageStore usage;
  @Autowired ConcurrencySlots slots;
  @Autowired UsageRollups rollups;
  @Autowired JournalStore journal;

  @Test
  void everyReadOfAnAuthoriseOrSettleBatchIsIndexProbesWhateverItsParameters() {
    Flight flight = flights.start();
    List<String> ids = List.of("acct-a", "acct-b");
    List<RequestKey> keys = List.of(new RequestKey("acct-a", "req-1"));
    credit.lock(flight, ids);
    credit.load(flight, ids, NOW);
    calls.accounts(flight, ids, NOW);
    holds.byRequest(flight, keys);
    holds.liveAmounts(flight, ids, NOW);
    holds.liveCounts(flight, List.of(new HoldStore.FamilyMeter("acct-a", "gpt-4o")), NOW);
    usage.answers(flight, keys);
    slots.inForce(flight, List.of("acct-a"), List.of("gpt-4o"), NOW);
    List<String> statements = flight.statements();
    assertThat(statements).hasSize(8);

    for (String sql : statements) {
      String plan = genericPlan(sql);
      assertThat(plan).as(sql + "\n" + plan).doesNotContain("Seq Scan");
    }
  }

  @Test
  void everyWriteOfASettleBatchFindsItsRowsByIndexWhateverItsParameters() {
    Flight writes = flights.start();
    UsageStore.UsageRow row = new UsageStore.UsageRow("usg_1", "acct-a", "acct-a", "req-1", null, "gpt-4o", true,
        "usage", NOW, "/v1/chat/completions", 120L, 1000, 100, 0, 0, 0, 0, 0, 0, 1100, 5_000_000, 0, 0, "USD",
        "{}", "{}");
    usage.insert(writes, List.of(row), NOW);
    rollups.add(writes, List.of(row));
    RatedCharge charge = new RatedCharge("gpt-4o", NOW, 1100, 5_000_000);
    Deduction burnt = new Deduction(charge, List.of(
        new Burn(BurnSource.GRANT, "grt_1", Denomination.MONEY, 600, 3_000_000),
        new Burn(BurnSource.WALLET, null, Denomination.MONEY, 500, 2_000_000)), 0, 0);
    credit.apply(writes, List.of(new AccountDeduction("acct-a", "acct-a", burnt)), java.util.Set.of("acct-a"), NOW);
    Deduction fromWallet = new Deduction(charge, List.of(
        new Burn(BurnSource.WALLET, null, Denomination.MONEY, 1100, 5_000_000)), 0, 0);
    credit.apply(writes, List.of(new AccountDeduction("acct-b", "acct-b", fromWallet)), NOW);
    JournalEntries.usage("use:req-1", "req-1", "acct-a", LedgerUnit.money("USD"), burnt)
        .ifPresent(e -> journal.appendUsage(writes, List.of(new Booking("acct-a", "acct-a", e)), NOW));
    holds.releaseForRequests(writes, List.of(new RequestKey("acct-a", "req-1")), java.util.Map.of("hld_1", "acct-a"), NOW);
    List<String> statements = writes.statements();
    assertThat(statements)
        .as("usage, rollups, grants, a wallet update, a wallet upsert, entries, postings, two hold releases")
        .hasSize(9);

    for (String sql : statements) {
      String plan = genericPlan(sql);
      assertThat(plan).as(sql + "\n" + plan).doesNotContain("Seq Scan");
    }
  }

  /** EXPLAIN (GENERIC_PLAN) with the query's {@code ?} numbered as {@code $1, $2, …}. */
  private String genericPlan(String sql) {
    StringBuilder numbered = new StringBuilder();
    int n = 0;
    for (char c : sql.toCharArray()) {
      if (c == '?') {
        numbered.append('$').append(++n);
      } else {
        numbered.append(c);
      }
    }
    // The simple query protocol: the extended one would take $1 for a parameter of EXPLAIN itself.
    String url = TestDatabase.jdbcUrl() + "?preferQueryMode=simple";
    try (Connection c = DriverManager.getConnection(url, "postgres", TestDatabase.password());
        Statement s = c.createStatement()) {
      s.execute("SET enable_seqscan = off");
      StringBuilder plan = new StringBuilder();
      try (ResultSet rs = s.executeQuery("EXPLAIN (GENERIC_PLAN) " + numbered)) {
        while (rs.next()) {
          plan.append(rs.getString(1)).append('\n');
        }
      }
      return plan.toString();
    } catch (SQLException e) {
      throw new AssertionError("EXPLAIN failed for " + numbered, e);
    }
  }
}
