package dev.tollgate.server.credit;

import dev.tollgate.core.credit.AccountCredit;
import dev.tollgate.core.credit.Burn;
import dev.tollgate.core.credit.BurnSource;
import dev.tollgate.core.credit.Grant;
import dev.tollgate.core.credit.GrantClass;
import dev.tollgate.core.credit.packages.EditionPrecedence;
import dev.tollgate.server.store.Flight;
import dev.tollgate.server.store.Flights;
import dev.tollgate.server.store.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The credit an account can pay with, and the caches of the journal it is stored in: {@code
 * grants.remaining} and {@code wallets.balance_nanos}. Callers own the transaction and post the
 * matching journal entries ({@link dev.tollgate.server.ledger.JournalStore}) in the same one.
 *
 * <p>Locking rule: an account's credit changes only while its {@code accounts} row is locked
 * ({@link #lockAndLoad}); several accounts are locked in id order, so two batches never wait on
 * each other in a cycle.
 */
@Repository
public class CreditStore {
  private final JdbcClient jdbc;
  private final Flights flights;

  public CreditStore(JdbcClient jdbc, Flights flights) {
    this.jdbc = jdbc;
    this.flights = flights;
  }

  /**
   * Locks the accounts' rows (in id order) and loads what deduction needs, in one round trip for
   * any number of accounts: a lock statement and a load, sent as one {@link Flight}. The load is
   * its own statement on purpose: under READ COMMITTED it starts once the locks are held and sees
   * every change committed by whoever held them before (a join in the locking statement would
   * read its older snapshot).
   *
   * <p>Loaded grants: not voided, not expired before {@code notBefore} (the earliest {@code
   * occurredAt} to settle), with remaining > 0 or of class edition (an exhausted edition is still
   * active for add-ons). {@code editionActive} is computed at {@code notBefore}; a caller settling
   * later usage recomputes it with {@link #editionActiveAt}. Unknown ids are absent from the map.
   *
   * <p>Allowances of purchased editions ({@code grants.edition_rank}) go through {@link
   * EditionPrecedence}: a lower edition's allowance is narrowed to the time no higher one is valid.
   */
  public Map<String, LockedCredit> lockAndLoad(Collection<String> accountIds, Instant notBefore) {
    Flight flight = flights.start();
    lock(flight, accountIds);
    Flight.Answer<Map<String, LockedCredit>> credit = load(flight, accountIds, notBefore);
    flight.send();
    return credit.get();
  }

  /**
   * Locks these accounts' rows in id order (unknown ids are skipped), as a query of a flight; the
   * answer is the ids locked. Queries added after it in the same flight start once the locks are
   * held, so they read what the previous holder committed: {@link #lockAndLoad} in one round trip,
   * or a hot-path batch that sends its lock and all its reads together.
   */
  public Flight.Answer<Set<String>> lock(Flight flight, Collection<String> accountIds) {
    if (accountIds.isEmpty()) {
      return Flight.known(Set.of());
    }
    return flight.add("SELECT id FROM accounts WHERE id = ANY(?::text[]) ORDER BY id FOR UPDATE", rs -> {
      Set<String> ids = new HashSet<>();
      while (rs.next()) {
        ids.add(rs.getString("id"));
      }
      return ids;
    }, (Object) new TreeSet<>(accountIds).toArray(String[]::new));
  }

  /** The credit of these accounts (see {@link #lockAndLoad}), as a query of a flight that locked them first. */
  public Flight.Answer<Map<String, LockedCredit>> load(Flight flight, Collection<String> accountIds, Instant notBefore) {
    if (accountIds.isEmpty()) {
      return Flight.known(Map.of());
    }
    return flight.add("SELECT a.id AS a_id, a.root_id AS a_root_id, a.currency AS a_currency, "
            + "a.postpaid_enabled AS a_postpaid, w.balance_nanos AS w_balance, g.edition_rank AS g_edition_rank, "
            + GrantRows.COLUMNS + "\n" + """
             FROM unnest(?::text[]) AS k(id)
             JOIN accounts a ON a.id = k.id
             LEFT JOIN wallets w ON w.root_id = a.root_id AND w.account_id = a.id
             LEFT JOIN grants g ON g.root_id = a.root_id AND g.account_id = a.id AND g.voided_at IS NULL
                   AND (g.remaining > 0 OR g.class = 'edition') AND (g.expires_at IS NULL OR g.expires_at > ?)""",
        rs -> credits(rs, notBefore), accountIds.toArray(String[]::new), SqlTime.of(notBefore));
  }

  private record Account(String id, String rootId, String currency, boolean postpaid) {}

  private static Map<String, LockedCredit> credits(ResultSet rs, Instant notBefore) throws SQLException {
    var accounts = new LinkedHashMap<String, Account>();
    // Accounts without a wallet row have none here (LEFT JOIN: a null balance).
    var wallets = new HashMap<String, Long>();
    var grants = new HashMap<String, List<Grant>>();
    // Ranks of purchased editions' allowances, for EditionPrecedence; usually empty.
    var ranks = new HashMap<String, Integer>();
    while (rs.next()) {
      String account = rs.getString("a_id");
      accounts.putIfAbsent(account, new Account(
          account, rs.getString("a_root_id"), rs.getString("a_currency"), rs.getBoolean("a_postpaid")));
      long balance = rs.getLong("w_balance");
      if (!rs.wasNull()) {
        wallets.put(account, balance);
      }
      List<Grant> list = grants.computeIfAbsent(account, a -> new ArrayList<>());
      if (rs.getString("g_id") != null) {
        list.add(GrantRows.map(rs).grant());
        int rank = rs.getInt("g_edition_rank");
        if (!rs.wasNull()) {
          ranks.put(rs.getString("g_id"), rank);
        }
      }
    }
    var result = new LinkedHashMap<String, LockedCredit>();
    for (Account a : accounts.values()) {
      // Only the highest edition's allowance pays (seed 000); lower ones are narrowed here, once
      // per load, so the deduction engine and the settle loop stay unaware of editions.
      List<Grant> list = EditionPrecedence.apply(grants.getOrDefault(a.id(), List.of()), ranks, notBefore);
      var credit = new AccountCredit(
          list, wallets.getOrDefault(a.id(), 0L), a.postpaid(), editionActiveAt(list, notBefore));
      result.put(a.id(), new LockedCredit(a.rootId(), a.id(), a.currency(), credit, wallets.containsKey(a.id())));
    }
    return result;
  }

  /** One account's {@link #lockAndLoad}; empty when the account does not exist. */
  public java.util.Optional<LockedCredit> lockAndLoad(String accountId, Instant notBefore) {
    return java.util.Optional.ofNullable(lockAndLoad(List.of(accountId), notBefore).get(accountId));
  }

  /**
   * Whether an edition is active at {@code at}: an edition grant, not voided, valid then. Its
   * allowance may be used up: the edition is still in force, which is when add-ons matter.
   */
  public static boolean editionActiveAt(Collection<Grant> grants, Instant at) {
    for (Grant g : grants) {
      if (g.grantClass() == GrantClass.EDITION && !g.voided() && g.validAt(at)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Stores what deductions burnt, in two set-based statements for any number of deductions (fewer
   * when nothing burnt a grant or a wallet): one UPDATE of the burnt grants' remaining, one upsert
   * of the wallets' balances. Burns of one grant or wallet are summed first, so a batch touches
   * each row once. Postpaid burns have no cache here (the postpaid accrual comes with billing).
   *
   * <p>The database refuses a remaining below zero (CHECK); a burnt grant that is missing or voided
   * is a bug in the caller (it must deduct from credit it loaded under the lock) and throws.
   */
  public void apply(List<AccountDeduction> deductions, Instant at) {
    Flight writes = flights.start();
    apply(writes, deductions, at);
    writes.send();
  }

  /** {@link #apply}, added to a batch's writes; the checks run when they are sent. */
  public void apply(Flight writes, List<AccountDeduction> deductions, Instant at) {
    apply(writes, deductions, Set.of(), at);
  }

  /**
   * {@link #apply}, added to a batch's writes, for deductions whose accounts the caller loaded under
   * their locks: the wallets of {@code accountsWithWallet} ({@link LockedCredit#walletExists}) are
   * updated in place, which writes one WAL record a wallet where the upsert writes two (it locks
   * the row it conflicts with, then updates it).
   */
  public void apply(Flight writes, List<AccountDeduction> deductions, Set<String> accountsWithWallet, Instant at) {
    var grantBurns = new LinkedHashMap<GrantKey, Long>();
    var walletDeltas = new LinkedHashMap<WalletKey, Long>();
    for (AccountDeduction d : deductions) {
      for (Burn b : d.deduction().burns()) {
        if (b.source() == BurnSource.GRANT) {
          grantBurns.merge(new GrantKey(d.rootId(), b.grantId()), b.deducted(), Math::addExact);
        } else if (b.source() == BurnSource.WALLET) {
          walletDeltas.merge(new WalletKey(d.rootId(), d.accountId()), -b.amountNanos(), Math::addExact);
        }
      }
    }
    decrementGrants(writes, grantBurns);
    var existing = new LinkedHashMap<WalletKey, Long>();
    var others = new LinkedHashMap<WalletKey, Long>();
    walletDeltas.forEach((wallet, delta) ->
        (accountsWithWallet.contains(wallet.accountId()) ? existing : others).put(wallet, delta));
    updateWallets(writes, existing, at);
    addToWallets(writes, others, at);
  }

  /** Adds signed amounts to wallets that exist, in one UPDATE; each must be found. */
  private void updateWallets(Flight writes, Map<WalletKey, Long> moves, Instant at) {
    Map<WalletKey, Long> deltas = nonZero(moves);
    if (deltas.isEmpty()) {
      return;
    }
    Flight.Answer<Integer> updated = writes.update("""
            UPDATE wallets w SET balance_nanos = w.balance_nanos + d.n, updated_at = ?
              FROM unnest(?::text[], ?::text[], ?::bigint[]) AS d(r, a, n)
             WHERE w.root_id = d.r AND w.account_id = d.a""",
        SqlTime.of(at), roots(deltas), accountIds(deltas), amounts(deltas));
    writes.require(updated, deltas.size(), () -> "moved wallets that were not found: " + deltas.keySet());
  }

  private static Map<WalletKey, Long> nonZero(Map<WalletKey, Long> moves) {
    Map<WalletKey, Long> deltas = new LinkedHashMap<>(moves);
    deltas.values().removeIf(n -> n == 0);
    return deltas;
  }

  private static String[] roots(Map<WalletKey, Long> deltas) {
    return deltas.keySet().stream().map(WalletKey::rootId).toArray(String[]::new);
  }

  private static String[] accountIds(Map<WalletKey, Long> deltas) {
    return deltas.keySet().stream().map(WalletKey::accountId).toArray(String[]::new);
  }

  private static long[] amounts(Map<WalletKey, Long> deltas) {
    return deltas.values().stream().mapToLong(Long::longValue).toArray();
  }

  record GrantKey(String rootId, String grantId) {}

  /** A wallet, by family and account. */
  public record WalletKey(String rootId, String accountId) {}

  private void decrementGrants(Flight writes, Map<GrantKey, Long> burns) {
    burns.values().removeIf(n -> n == 0);
    if (burns.isEmpty()) {
      return;
    }
    int n = burns.size();
    String[] roots = new String[n];
    String[] ids = new String[n];
    long[] amounts = new long[n];
    int i = 0;
    for (var e : burns.entrySet()) {
      roots[i] = e.getKey().rootId();
      ids[i] = e.getKey().grantId();
      amounts[i++] = e.getValue();
    }
    Flight.Answer<Integer> updated = writes.update("""
            UPDATE grants g SET remaining = g.remaining - d.n
              FROM unnest(?::text[], ?::text[], ?::bigint[]) AS d(r, i, n)
             WHERE g.root_id = d.r AND g.id = d.i AND g.voided_at IS NULL""",
        roots, ids, amounts);
    writes.require(updated, n, () -> "burnt grants that were not live: " + burns.keySet());
  }

  /**
   * Adds signed amounts to wallet balances in one upsert (a wallet row is created on its first
   * movement, in the account's currency).
   */
  public void addToWallets(Map<WalletKey, Long> deltas, Instant at) {
    Flight writes = flights.start();
    addToWallets(writes, deltas, at);
    writes.send();
  }

  private void addToWallets(Flight writes, Map<WalletKey, Long> moves, Instant at) {
    Map<WalletKey, Long> deltas = nonZero(moves);
    if (deltas.isEmpty()) {
      return;
    }
    Flight.Answer<Integer> written = writes.update("""
            INSERT INTO wallets (root_id, account_id, currency, balance_nanos, updated_at)
            SELECT d.r, d.a, acc.currency, d.n, ?
              FROM unnest(?::text[], ?::text[], ?::bigint[]) AS d(r, a, n)
              JOIN accounts acc ON acc.id = d.a AND acc.root_id = d.r
            ON CONFLICT (root_id, account_id) DO UPDATE
               SET balance_nanos = wallets.balance_nanos + EXCLUDED.balance_nanos, updated_at = EXCLUDED.updated_at""",
        SqlTime.of(at), roots(deltas), accountIds(deltas), amounts(deltas));
    writes.require(written, deltas.size(), () -> "moved wallets of accounts that were not found: " + deltas.keySet());
  }
}
