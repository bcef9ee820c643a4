package dev.tollgate.server.usage;

import dev.tollgate.server.store.Flight;
import dev.tollgate.server.store.SqlTime;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Holds: credit reserved and a concurrency slot taken by authorise, for one call in flight. A hold
 * is live while not released and not expired; expiry needs no job, every read filters on it.
 */
@Repository
class HoldStore {
  private final JdbcClient jdbc;

  HoldStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  record HoldRow(
      String id, String rootId, String accountId, String requestId, String meter, String apiKeyId, long amountNanos,
      boolean exclusive, Instant createdAt, Instant expiresAt, Instant releasedAt) {}

  private static final String COLUMNS =
      "id, root_id, account_id, request_id, meter, api_key_id, amount_nanos, exclusive, created_at, expires_at, released_at";

  private static HoldRow map(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new HoldRow(rs.getString("id"), rs.getString("root_id"), rs.getString("account_id"),
        rs.getString("request_id"), rs.getString("meter"), rs.getString("api_key_id"), rs.getLong("amount_nanos"),
        rs.getBoolean("exclusive"), SqlTime.read(rs, "created_at"), SqlTime.read(rs, "expires_at"), SqlTime.read(rs, "released_at"));
  }

  /**
   * Holds already placed for these requests (an authorise replay answers with them): one index
   * probe per request, whatever the planner's statistics say (see {@code UsageStore.answers}).
   */
  Flight.Answer<Map<RequestKey, HoldRow>> byRequest(Flight flight, List<RequestKey> keys) {
    if (keys.isEmpty()) {
      return Flight.known(Map.of());
    }
    return flight.add("""
            SELECT h.id, h.root_id, h.account_id, h.request_id, h.meter, h.api_key_id, h.amount_nanos, h.exclusive, h.created_at,
                   h.expires_at, h.released_at
              FROM unnest(?::text[], ?::text[]) AS k(r, q)
             CROSS JOIN LATERAL (SELECT * FROM holds WHERE root_id = k.r AND request_id = k.q LIMIT 1) h""",
        rs -> {
          Map<RequestKey, HoldRow> found = new HashMap<>();
          while (rs.next()) {
            HoldRow h = map(rs);
            found.put(new RequestKey(h.rootId(), h.requestId()), h);
          }
          return found;
        }, CallStore.roots(keys), CallStore.requestIds(keys));
  }

  Optional<HoldRow> byId(String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM holds WHERE id = ?").params(id).query((rs, n) -> map(rs)).optional();
  }

  /** An account's unreleased holds, newest first (index holds_live_by_account). */
  List<HoldRow> liveOf(String accountId, int limit) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM holds WHERE account_id = ? AND released_at IS NULL ORDER BY created_at DESC LIMIT ?")
        .params(accountId, limit).query((rs, n) -> map(rs)).list();
  }

  /**
   * Money held by live holds, per account of the batch: one range of {@code holds_live_by_account}
   * per account. Written per account (LATERAL) so that no plan cached while the table was small can
   * scan every hold instead; holds come and go all day, and the statistics trail them.
   */
  Flight.Answer<Map<String, Long>> liveAmounts(Flight flight, Collection<String> accountIds, Instant now) {
    if (accountIds.isEmpty()) {
      return Flight.known(Map.of());
    }
    return flight.add("""
            SELECT a.id AS account_id, h.held FROM unnest(?::text[]) AS a(id)
             CROSS JOIN LATERAL (SELECT sum(amount_nanos) AS held FROM holds
                                  WHERE account_id = a.id AND released_at IS NULL AND expires_at > ?) h
             WHERE h.held IS NOT NULL""",
        rs -> {
          Map<String, Long> sums = new HashMap<>();
          while (rs.next()) {
            sums.put(rs.getString("account_id"), rs.getLong("held"));
          }
          return sums;
        }, accountIds.toArray(String[]::new), SqlTime.of(now));
  }

  record FamilyMeter(String rootId, String meter) {}

  /** Calls in flight: on shared slots (default + bought), and on exclusive slots (seed 000). */
  record InFlight(long shared, long exclusive) {
    static final InFlight NONE = new InFlight(0, 0);

    static InFlight one(boolean exclusive) {
      return exclusive ? new InFlight(0, 1) : new InFlight(1, 0);
    }

    InFlight plus(InFlight other) {
      return new InFlight(shared + other.shared, exclusive + other.exclusive);
    }
  }

  /**
   * Live holds per family and meter: the calls in flight that count against concurrency. One
   * range of {@code holds_live} per family and meter (LATERAL, as in {@link #liveAmounts}).
   */
  Flight.Answer<Map<FamilyMeter, InFlight>> liveCounts(Flight flight, Collection<FamilyMeter> familyMeters, Instant now) {
    if (familyMeters.isEmpty()) {
      return Flight.known(Map.of());
    }
    return flight.add("""
            SELECT k.root_id, k.meter, h.shared, h.exclusive
              FROM unnest(?::text[], ?::text[]) AS k(root_id, meter)
             CROSS JOIN LATERAL (SELECT count(*) FILTER (WHERE NOT exclusive) AS shared,
                                        count(*) FILTER (WHERE exclusive) AS exclusive FROM holds h
                                  WHERE h.root_id = k.root_id AND h.meter = k.meter AND h.released_at IS NULL
                                    AND h.expires_at > ?) h
             WHERE h.shared + h.exclusive > 0""",
        rs -> {
          Map<FamilyMeter, InFlight> counts = new HashMap<>();
          while (rs.next()) {
            counts.put(new FamilyMeter(rs.getString("root_id"), rs.getString("meter")),
                new InFlight(rs.getLong("shared"), rs.getLong("exclusive")));
          }
          return counts;
        }, familyMeters.stream().map(FamilyMeter::rootId).toArray(String[]::new),
        familyMeters.stream().map(FamilyMeter::meter).toArray(String[]::new), SqlTime.of(now));
  }

  /** Adds the insert of these holds to a flight (none: no statement). */
  void insert(Flight writes, List<HoldRow> holds) {
    if (holds.isEmpty()) {
      return;
    }
    int n = holds.size();
    String[] ids = new String[n], roots = new String[n], accounts = new String[n], requests = new String[n];
    String[] meters = new String[n], keys = new String[n];
    long[] amounts = new long[n], created = new long[n], expires = new long[n];
    boolean[] exclusive = new boolean[n];
    for (int i = 0; i < n; i++) {
      HoldRow h = holds.get(i);
      exclusive[i] = h.exclusive();
      ids[i] = h.id();
      roots[i] = h.rootId();
      accounts[i] = h.accountId();
      requests[i] = h.requestId();
      meters[i] = h.meter();
      keys[i] = h.apiKeyId();
      amounts[i] = h.amountNanos();
      created[i] = SqlTime.epochMicros(h.createdAt());
      expires[i] = SqlTime.epochMicros(h.expiresAt());
    }
    writes.update("""
            INSERT INTO holds (id, root_id, account_id, request_id, meter, api_key_id, amount_nanos, exclusive, created_at,
                               expires_at)
            SELECT id, r, a, q, m, k, am, x, (timestamptz 'epoch' + c * interval '1 microsecond'),
                   (timestamptz 'epoch' + e * interval '1 microsecond')
              FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::boolean[],
                          ?::bigint[], ?::bigint[])
                AS t(id, r, a, q, m, k, am, x, c, e)""",
        ids, roots, accounts, requests, meters, keys, amounts, exclusive, created, expires);
  }

  /** The account of each of these holds that exists (a settle may name only its own account's holds). */
  Map<String, String> accountsOf(Collection<String> holdIds) {
    Map<String, String> out = new HashMap<>();
    if (holdIds.isEmpty()) {
      return out;
    }
    jdbc.sql("SELECT id, account_id FROM holds WHERE id = ANY(?::text[])")
        .params((Object) holdIds.toArray(String[]::new))
        .query(rs -> {
          out.put(rs.getString("id"), rs.getString("account_id"));
        });
    return out;
  }

  /**
   * Releases the holds of settled requests (by request, and by hold id when the gateway gave one);
   * a hold id is released only for the account that settled ({@code holdAccounts}: hold id → account).
   */
  void releaseForRequests(Flight writes, List<RequestKey> keys, Map<String, String> holdAccounts, Instant at) {
    if (!keys.isEmpty()) {
      writes.update("""
              UPDATE holds h SET released_at = ?
                FROM unnest(?::text[], ?::text[]) AS k(r, q)
               WHERE h.root_id = k.r AND h.request_id = k.q AND h.released_at IS NULL""",
          SqlTime.of(at), CallStore.roots(keys), CallStore.requestIds(keys));
    }
    if (!holdAccounts.isEmpty()) {
      writes.update("""
              UPDATE holds h SET released_at = ?
                FROM unnest(?::text[], ?::text[]) AS k(id, a)
               WHERE h.id = k.id AND h.account_id = k.a AND h.released_at IS NULL""",
          SqlTime.of(at), holdAccounts.keySet().toArray(String[]::new), holdAccounts.values().toArray(String[]::new));
    }
  }

  boolean release(String id, Instant at) {
    return jdbc.sql("UPDATE holds SET released_at = ? WHERE id = ? AND released_at IS NULL")
        .params(SqlTime.of(at), id).update() == 1;
  }

  boolean renew(String id, Instant now, Instant expiresAt) {
    return jdbc.sql("UPDATE holds SET expires_at = ? WHERE id = ? AND released_at IS NULL AND expires_at > ?")
        .params(SqlTime.of(expiresAt), id, SqlTime.of(now)).update() == 1;
  }
}
