package dev.tollgate.server.ledger;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Proves the caches equal the journal, in SQL: the database groups the postings, nothing is loaded
 * into memory but the mismatches. Three checks: every entry sums to zero per unit (and has
 * postings); each grant's {@code remaining} equals the sum on {@code grant:{id}}; each wallet's
 * balance equals the sum on {@code wallet:{account}}. A sum with no cache row, or a cache row
 * with no postings but a non-zero value, is a mismatch too.
 */
@Repository
public class Reconciliation {
  /** Mismatches reported per run: enough to diagnose, bounded so a broken ledger still answers. */
  public static final int MISMATCHES_MAX = 100;

  private final JdbcClient jdbc;

  public Reconciliation(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * One difference. {@code journal} and {@code materialized} are exact sums in the unit's smallest
   * step (nanos for money, whole units otherwise). For an unbalanced entry the account is {@code
   * entry:{id}}, {@code journal} its sum and {@code materialized} zero, what it should be.
   */
  public record Mismatch(String ledgerAccount, String unit, BigDecimal journal, BigDecimal materialized) {}

  public record Result(boolean balanced, long entriesChecked, List<Mismatch> mismatches) {}

  /** Checks one family, or every family when {@code rootId} is null. */
  public Result run(String rootId) {
    String family = rootId == null ? "" : " AND root_id = :root";
    long entries = bind(jdbc.sql("SELECT count(*) FROM journal_entries WHERE true" + family), rootId)
        .query(Long.class).single();
    var mismatches = new ArrayList<Mismatch>();
    mismatches.addAll(bind(jdbc.sql("""
            SELECT 'entry:' || entry_id AS ledger_account, unit, sum(amount) AS journal, 0 AS materialized
              FROM postings WHERE true""" + family + "\n" + """
             GROUP BY root_id, entry_id, unit HAVING sum(amount) <> 0
            UNION ALL
            SELECT 'entry:' || e.id, '', 0, 0 FROM journal_entries e
             WHERE NOT EXISTS (SELECT 1 FROM postings p WHERE p.root_id = e.root_id AND p.entry_id = e.id)"""
            + family.replace("root_id", "e.root_id") + " LIMIT :max"), rootId)
        .query(Reconciliation::map).list());
    mismatches.addAll(bind(jdbc.sql("""
            WITH journal AS (
              SELECT root_id, ledger_account, unit, sum(amount) AS total FROM postings
               WHERE (ledger_account LIKE 'grant:%' OR ledger_account LIKE 'wallet:%')""" + family + "\n" + """
               GROUP BY root_id, ledger_account, unit),
            cached AS (
              SELECT root_id, 'grant:' || id AS ledger_account, unit, remaining AS total FROM grants WHERE true"""
            + family + "\n" + """
              UNION ALL
              SELECT root_id, 'wallet:' || account_id, currency, balance_nanos FROM wallets WHERE true""" + family + "\n" + """
            )
            SELECT coalesce(j.ledger_account, c.ledger_account) AS ledger_account, coalesce(j.unit, c.unit) AS unit,
                   coalesce(j.total, 0) AS journal, coalesce(c.total, 0) AS materialized
              FROM journal j
              FULL JOIN cached c ON c.root_id = j.root_id AND c.ledger_account = j.ledger_account AND c.unit = j.unit
             WHERE coalesce(j.total, 0) <> coalesce(c.total, 0)
             ORDER BY 1, 2
             LIMIT :max"""), rootId)
        .query(Reconciliation::map).list());
    List<Mismatch> reported = mismatches.size() > MISMATCHES_MAX ? mismatches.subList(0, MISMATCHES_MAX) : mismatches;
    return new Result(mismatches.isEmpty(), entries, List.copyOf(reported));
  }

  private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, String rootId) {
    spec = spec.param("max", MISMATCHES_MAX);
    return rootId == null ? spec : spec.param("root", rootId);
  }

  private static Mismatch map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new Mismatch(
        rs.getString("ledger_account"), rs.getString("unit"), rs.getBigDecimal("journal"),
        rs.getBigDecimal("materialized"));
  }
}
