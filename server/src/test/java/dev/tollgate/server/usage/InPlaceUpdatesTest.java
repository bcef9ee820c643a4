package dev.tollgate.server.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.pricing.Usage;
import dev.tollgate.server.support.ServerTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A settled call updates its rollup, wallet and grants in place: the new row versions stay on
 * their page (heap-only tuples) and add no index entries, because V27 leaves room on every page.
 * With full pages most of these updates went to another page and wrote an entry into every index
 * of the table (BENCHMARKS.md, run 20).
 */
class InPlaceUpdatesTest extends ServerTest {
  /** Enough rows that each table spans several pages, so full pages would show. */
  private static final int ACCOUNTS_PER_SOURCE = 120;

  @Autowired SettleBatch settle;
  @Autowired TransactionTemplate tx;
  @Autowired JdbcClient jdbc;

  @Test
  void settlingUpdatesRollupsWalletsAndGrantsWithoutNewIndexEntries() {
    HotPathFixture fx = new HotPathFixture(api());
    String meter = uniqueId("inplace");
    fx.price(meter, "{\"mode\":\"token\",\"currency\":\"USD\",\"inputPer1M\":\"3.00\",\"outputPer1M\":\"15.00\","
        + "\"effectiveAt\":\"2026-01-01T00:00:00Z\"}");
    List<String> accounts = new ArrayList<>();
    for (int i = 0; i < 2 * ACCOUNTS_PER_SOURCE; i++) {
      String account = fx.account(uniqueId("inplace"));
      if (i % 2 == 0) {
        fx.credit(account, "100.00");
      } else {
        fx.grant(account, "{\"kind\":\"promo\",\"denomination\":\"money\",\"amount\":\"100.00\",\"effectiveAt\":\"2026-01-01T00:00:00Z\"}");
      }
      accounts.add(account);
    }
    Instant at = Instant.parse("2026-10-05T10:01:00Z");

    Map<String, long[]> counts = tx.execute(status -> {
      settle.apply(calls(accounts, meter, at, "first"));
      long[] walletsAfterFirst = updates("wallets");
      long[] grantsAfterFirst = updates("grants");
      long[] rollupsAfterFirst = updates("usage_rollups");
      // The same accounts, meter and quarter hour: this time each rollup row is updated.
      settle.apply(calls(accounts, meter, at.plusSeconds(60), "second"));
      long[] rollupsAfterSecond = updates("usage_rollups");
      return Map.of("wallets", walletsAfterFirst, "grants", grantsAfterFirst,
          "usage_rollups", new long[] {rollupsAfterSecond[0] - rollupsAfterFirst[0],
              rollupsAfterSecond[1] - rollupsAfterFirst[1]});
    });

    assertThat(counts.get("wallets")).as("wallets: updated, of them in place").containsExactly(ACCOUNTS_PER_SOURCE, ACCOUNTS_PER_SOURCE);
    assertThat(counts.get("grants")).as("grants: updated, of them in place").containsExactly(ACCOUNTS_PER_SOURCE, ACCOUNTS_PER_SOURCE);
    assertThat(counts.get("usage_rollups")).as("rollups: updated, of them in place")
        .containsExactly(2L * ACCOUNTS_PER_SOURCE, 2L * ACCOUNTS_PER_SOURCE);
  }

  private static List<SettleCommand> calls(List<String> accounts, String meter, Instant at, String prefix) {
    List<SettleCommand> calls = new ArrayList<>();
    for (String account : accounts) {
      calls.add(new SettleCommand(prefix + "-" + account, null, null, account, meter, true, at,
          Usage.tokens(1000, 100), 120L, "/v1/chat/completions", null));
    }
    return calls;
  }

  /** Rows this transaction updated in the table so far, and how many of them in place. */
  private long[] updates(String table) {
    return jdbc.sql("SELECT pg_stat_get_xact_tuples_updated(?::regclass), pg_stat_get_xact_tuples_hot_updated(?::regclass)")
        .params(table, table)
        .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
        .single();
  }
}
