package dev.tollgate.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The stored state of a batch of root accounts against their models, in four queries for the
 * whole batch: the caches (wallet balances, grant remainders: none negative, none unknown to the
 * model), the journal's sums on the same ledger accounts and on the postpaid receivable, and the
 * families' entries, each of which must sum to zero. Cache = journal = model is the family
 * reconciliation and the model check at once; the property still asks the product's own
 * {@code GET /v1/ledger/reconciliation?rootId=} for every family at the end of a try.
 */
final class StoredState {
  private StoredState() {}

  static void assertAgrees(JdbcClient jdbc, List<AccountModel> models, List<List<String>> traces) {
    String[] roots = models.stream().map(m -> m.accountId).toArray(String[]::new);
    Map<String, Long> wallets = new HashMap<>();
    jdbc.sql("SELECT account_id, balance_nanos FROM wallets WHERE root_id = ANY(?::text[])").params((Object) roots)
        .query((rs, n) -> wallets.put(rs.getString(1), rs.getLong(2))).list();
    Map<String, Long> grants = new HashMap<>();
    jdbc.sql("SELECT id, remaining FROM grants WHERE root_id = ANY(?::text[])").params((Object) roots)
        .query((rs, n) -> grants.put(rs.getString(1), rs.getLong(2))).list();
    Map<String, Long> journal = new HashMap<>();
    jdbc.sql("""
            SELECT ledger_account, sum(amount) FROM postings
             WHERE root_id = ANY(?::text[])
               AND (ledger_account LIKE 'wallet:%' OR ledger_account LIKE 'grant:%' OR ledger_account LIKE 'postpaid:%')
             GROUP BY ledger_account""")
        .params((Object) roots).query((rs, n) -> journal.put(rs.getString(1), rs.getLong(2))).list();
    long unbalanced = jdbc.sql("""
            SELECT count(*) FROM (SELECT 1 FROM postings WHERE root_id = ANY(?::text[])
                                   GROUP BY root_id, entry_id, unit HAVING sum(amount) <> 0) u""")
        .params((Object) roots).query(Long.class).single();

    assertThat(unbalanced).as("journal entries that do not sum to zero").isZero();
    assertThat(grants.values()).as("no grant is negative").allMatch(remaining -> remaining >= 0);
    Map<String, Long> expectedGrants = new HashMap<>();
    for (int i = 0; i < models.size(); i++) {
      AccountModel m = models.get(i);
      String context = m + "\nsteps:\n  " + String.join("\n  ", traces.get(i));
      assertThat(wallets.getOrDefault(m.accountId, 0L)).as("wallet of " + context).isEqualTo(m.walletNanos);
      assertThat(journal.getOrDefault("wallet:" + m.accountId, 0L)).as("wallet journal of " + context).isEqualTo(m.walletNanos);
      assertThat(journal.getOrDefault("postpaid:" + m.accountId, 0L)).as("receivable of " + context).isEqualTo(m.receivableNanos);
      for (AccountModel.ModelGrant g : m.grants) {
        assertThat(grants.get(g.id)).as("grant " + g.id + " of " + context).isEqualTo(g.remainingNanos);
        assertThat(journal.getOrDefault("grant:" + g.id, 0L)).as("grant journal " + g.id + " of " + context)
            .isEqualTo(g.remainingNanos);
        expectedGrants.put(g.id, g.remainingNanos);
      }
    }
    assertThat(grants).as("every stored grant is one the models issued").isEqualTo(expectedGrants);
  }
}
