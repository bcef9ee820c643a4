package dev.tollgate.server.ledger;

import dev.tollgate.server.store.SqlTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads an account's journal for the operator's ledger view. Not on the hot path. */
@Repository
public class JournalReader {
  private final JdbcClient jdbc;

  public JournalReader(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public record StoredPosting(String ledgerAccount, String unit, long amount) {}

  public record StoredEntry(
      String id, String accountId, String kind, Instant occurredAt, String reference, Instant createdAt,
      List<StoredPosting> postings) {}

  /**
   * Up to {@code limit} entries that post to one of the account's ledger accounts (its grants,
   * wallet, postpaid), newest first, before the cursor ({@code createdAt}, {@code id}). An
   * allocation therefore shows in both the member's and the root's history. Two round trips:
   * the page of entries (walking the family's time index, probing postings by key), then their
   * postings.
   */
  public List<StoredEntry> entriesOf(String rootId, String accountId, Instant beforeCreatedAt, String beforeId, int limit) {
    List<StoredEntry> entries = jdbc.sql("""
            SELECT e.id, e.account_id, e.kind, e.occurred_at, e.reference, e.created_at
              FROM journal_entries e
             WHERE e.root_id = :root
               AND (CAST(:beforeCreated AS timestamptz) IS NULL OR (e.created_at, e.id) < (:beforeCreated, :beforeId))
               AND EXISTS (SELECT 1 FROM postings p
                            WHERE p.root_id = e.root_id AND p.entry_id = e.id AND p.account_id = :account)
             ORDER BY e.created_at DESC, e.id DESC
             LIMIT :limit""")
        .param("root", rootId)
        .param("account", accountId)
        .param("beforeCreated", SqlTime.of(beforeCreatedAt))
        .param("beforeId", beforeId == null ? "" : beforeId)
        .param("limit", limit)
        .query((rs, row) -> new StoredEntry(
            rs.getString("id"), rs.getString("account_id"), rs.getString("kind"), SqlTime.read(rs, "occurred_at"),
            rs.getString("reference"), SqlTime.read(rs, "created_at"), new ArrayList<>()))
        .list();
    if (entries.isEmpty()) {
      return entries;
    }
    var byId = new HashMap<String, StoredEntry>();
    entries.forEach(e -> byId.put(e.id(), e));
    jdbc.sql("""
            SELECT entry_id, ledger_account, unit, amount FROM postings
             WHERE root_id = ? AND entry_id = ANY(?::text[]) ORDER BY entry_id, seq""")
        .params(rootId, byId.keySet().toArray(String[]::new))
        .query(rs -> {
          byId.get(rs.getString("entry_id")).postings()
              .add(new StoredPosting(rs.getString("ledger_account"), rs.getString("unit"), rs.getLong("amount")));
        });
    return entries;
  }
}
