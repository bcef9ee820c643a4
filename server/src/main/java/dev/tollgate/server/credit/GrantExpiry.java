package dev.tollgate.server.credit;

import dev.tollgate.core.ledger.JournalEntries;
import dev.tollgate.core.ledger.JournalEntry;
import dev.tollgate.core.ledger.LedgerAccount;
import dev.tollgate.core.ledger.LedgerUnit;
import dev.tollgate.server.jobs.RecurringJob;
import dev.tollgate.server.ledger.Booking;
import dev.tollgate.server.ledger.JournalStore;
import dev.tollgate.server.store.SqlTime;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Posts the unused remainder of expired grants: to {@code breakage:{class}}, or back to the wallet
 * that funded it (a team allocation returns to its root). Runs {@link #GRACE} after expiry, so a
 * settle that arrives late for usage inside the validity still burns the grant; expired grants are
 * never eligible for later usage anyway. Each grant is posted once: the remainder goes to zero in
 * the same transaction as its entry, whose id ({@code expiry:{grantId}}) is unique.
 */
@Component
class GrantExpiry implements RecurringJob {
  private static final Logger log = LoggerFactory.getLogger(GrantExpiry.class);
  /** Longer than a hold lives (10 min by default): a call authorised before expiry settles in time. */
  static final Duration GRACE = Duration.ofHours(1);
  /** Grants per transaction; the job loops until none is due. */
  static final int BATCH_MAX = 500;

  private final JdbcClient jdbc;
  private final JournalStore journal;
  private final CreditStore credit;
  private final TransactionTemplate tx;
  private final InstantSource clock;

  GrantExpiry(JdbcClient jdbc, JournalStore journal, CreditStore credit, TransactionTemplate tx, InstantSource clock) {
    this.jdbc = jdbc;
    this.journal = journal;
    this.credit = credit;
    this.tx = tx;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "grant-expiry";
  }

  @Override
  public Duration interval() {
    return Duration.ofMinutes(5);
  }

  @Override
  public void run() {
    int total = 0;
    int posted;
    do {
      posted = tx.execute(status -> expireBatch(clock.instant()));
      total += posted;
    } while (posted == BATCH_MAX);
    if (total > 0) {
      log.info("posted the remainder of {} expired grants", total);
    }
  }

  /** One batch: lock the owners' account rows (the hot path's lock), then post and zero. */
  int expireBatch(Instant now) {
    Instant dueBefore = now.minus(GRACE);
    List<String> owners = jdbc.sql("""
            SELECT DISTINCT account_id FROM grants
             WHERE expires_at <= ? AND remaining > 0 AND voided_at IS NULL LIMIT ?""")
        .params(SqlTime.of(dueBefore), BATCH_MAX)
        .query(String.class).list();
    if (owners.isEmpty()) {
      return 0;
    }
    // Owners and their roots: an allocation's remainder goes back to the root's wallet.
    jdbc.sql("""
            SELECT id FROM accounts
             WHERE id = ANY(?::text[]) OR id IN (SELECT root_id FROM accounts WHERE id = ANY(?::text[]))
             ORDER BY id FOR UPDATE""")
        .params(new TreeSet<>(owners).toArray(String[]::new), owners.toArray(String[]::new))
        .query(String.class).list();
    List<StoredGrant> due = jdbc.sql("SELECT " + GrantRows.COLUMNS + ""
            + " FROM grants g"
            + " WHERE g.account_id = ANY(?::text[]) AND g.expires_at <= ? AND g.remaining > 0 AND g.voided_at IS NULL"
            + " ORDER BY g.root_id, g.id LIMIT ?")
        .params(owners.toArray(String[]::new), SqlTime.of(dueBefore), BATCH_MAX)
        .query((rs, n) -> GrantRows.map(rs))
        .list();
    Map<String, String> currencies = new HashMap<>();
    jdbc.sql("SELECT id, currency FROM accounts WHERE id = ANY(?::text[])")
        .params((Object) owners.toArray(String[]::new))
        .query(rs -> {
          currencies.put(rs.getString("id"), rs.getString("currency"));
        });
    List<Booking> bookings = new ArrayList<>();
    Map<CreditStore.WalletKey, Long> returned = new HashMap<>();
    String[] roots = new String[due.size()];
    String[] ids = new String[due.size()];
    for (int i = 0; i < due.size(); i++) {
      StoredGrant g = due.get(i);
      roots[i] = g.rootId();
      ids[i] = g.grant().id();
      LedgerUnit.Money money = LedgerUnit.money(currencies.get(g.accountId()));
      LedgerAccount funder = LedgerAccount.parse(g.fundedBy());
      Optional<JournalEntry> entry;
      if (funder.code().startsWith("wallet:")) {
        // Allocated team quota that was not used goes back to the root's wallet.
        entry = JournalEntries.refund("expiry:" + g.grant().id(), g.grant().expiresAt(), g.grant(), money, funder);
        returned.merge(new CreditStore.WalletKey(g.rootId(), funder.code().substring("wallet:".length())),
            g.grant().remaining(), Math::addExact);
      } else {
        entry = JournalEntries.expiry("expiry:" + g.grant().id(), g.grant().expiresAt(), g.grant(), money);
      }
      entry.ifPresent(e -> bookings.add(new Booking(g.rootId(), g.accountId(), e)));
    }
    jdbc.sql("""
            UPDATE grants g SET remaining = 0
              FROM unnest(?::text[], ?::text[]) AS d(r, i)
             WHERE g.root_id = d.r AND g.id = d.i""")
        .params(roots, ids)
        .update();
    credit.addToWallets(returned, now);
    journal.append(bookings, now);
    return due.size();
  }
}
