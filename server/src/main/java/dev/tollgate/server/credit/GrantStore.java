package dev.tollgate.server.credit;

import dev.tollgate.core.credit.Grant;
import dev.tollgate.server.store.SqlTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for grant rows (issue, look-up, listing). Callers own the transaction. */
@Repository
public class GrantStore {
  private final JdbcClient jdbc;

  public GrantStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A stored grant and the digest of the request that issued it (null without a key). */
  public record Keyed(StoredGrant grant, String requestDigest) {}

  /** Inserts a new grant; its {@code remaining} must be its amount (the entry posts all of it). */
  public void insert(StoredGrant g, String idempotencyKey, String requestDigest) {
    Grant grant = g.grant();
    jdbc.sql("""
            INSERT INTO grants (root_id, id, account_id, class, denomination, unit, meters, effective_at,
                                expires_at, priority, created_at, amount, remaining, requires_edition,
                                funded_by, source_kind, source_id, idempotency_key, request_digest)
            VALUES (?, ?, ?, ?, ?, ?, ?::text[], ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(
            g.rootId(), grant.id(), g.accountId(), grant.grantClass().code(), grant.denomination().code(),
            g.unit(), GrantRows.meters(grant.scope()), SqlTime.of(grant.effectiveAt()),
            SqlTime.of(grant.expiresAt()), grant.priority(), SqlTime.of(grant.createdAt()), grant.amount(),
            grant.remaining(), grant.requiresEdition(), g.fundedBy(), g.sourceKind(), g.sourceId(),
            idempotencyKey, requestDigest)
        .update();
  }

  public Optional<Keyed> findByKey(String rootId, String accountId, String idempotencyKey) {
    return jdbc.sql("SELECT g.request_digest AS digest, " + GrantRows.COLUMNS + "\n" + """
             FROM grants g WHERE g.root_id = ? AND g.account_id = ? AND g.idempotency_key = ?""")
        .params(rootId, accountId, idempotencyKey)
        .query((rs, row) -> new Keyed(GrantRows.map(rs), rs.getString("digest")))
        .optional();
  }

  /**
   * Up to {@code limit} grants of an account after the cursor ({@code createdAt}, {@code id}),
   * oldest first. {@code liveOnly} keeps grants neither voided nor expired at {@code now}.
   */
  public List<StoredGrant> list(
      String rootId, String accountId, Instant afterCreatedAt, String afterId, int limit, boolean liveOnly, Instant now) {
    return jdbc.sql("SELECT " + GrantRows.COLUMNS + "\n" + """
             FROM grants g
            WHERE g.root_id = :root AND g.account_id = :account
              AND (CAST(:afterCreated AS timestamptz) IS NULL OR (g.created_at, g.id) > (:afterCreated, :afterId))
              AND (NOT :liveOnly OR (g.voided_at IS NULL AND (g.expires_at IS NULL OR g.expires_at > :now)))
            ORDER BY g.created_at, g.id
            LIMIT :limit""")
        .param("root", rootId)
        .param("account", accountId)
        .param("afterCreated", SqlTime.of(afterCreatedAt))
        .param("afterId", afterId == null ? "" : afterId)
        .param("liveOnly", liveOnly)
        .param("now", SqlTime.of(now))
        .param("limit", limit)
        .query((rs, row) -> GrantRows.map(rs))
        .list();
  }

  /** The grants with these ids in a family, in the order of {@code ids}; unknown ids are skipped. */
  public List<StoredGrant> byIds(String rootId, List<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    List<StoredGrant> found = jdbc.sql("SELECT " + GrantRows.COLUMNS + "\n" + """
             FROM grants g WHERE g.root_id = ? AND g.id = ANY(?::text[])""")
        .params(rootId, ids.toArray(String[]::new))
        .query((rs, row) -> GrantRows.map(rs))
        .list();
    return found.stream().sorted(java.util.Comparator.comparingInt(g -> ids.indexOf(g.id()))).toList();
  }

  /** Whether an edition is active at {@code at} (see {@link CreditStore#editionActiveAt}). */
  public boolean editionActiveAt(String rootId, String accountId, Instant at) {
    return jdbc.sql("""
            SELECT EXISTS (SELECT 1 FROM grants WHERE root_id = ? AND account_id = ? AND class = 'edition'
                              AND voided_at IS NULL AND effective_at <= ? AND (expires_at IS NULL OR expires_at > ?))""")
        .params(rootId, accountId, SqlTime.of(at), SqlTime.of(at))
        .query(Boolean.class)
        .single();
  }
}
