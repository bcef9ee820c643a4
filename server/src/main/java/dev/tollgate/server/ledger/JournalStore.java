package dev.tollgate.server.ledger;

import dev.tollgate.core.ledger.JournalEntry;
import dev.tollgate.core.ledger.Posting;
import dev.tollgate.server.store.Flight;
import dev.tollgate.server.store.Flights;
import dev.tollgate.server.store.SqlTime;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Repository;

/**
 * Appends journal entries. Callers own the transaction and write the caches (grant remaining,
 * wallet balance) in the same one.
 *
 * <p>Hot path: a batch of any size costs two statements in one round trip, one multi-row INSERT
 * for the entries and one for all their postings, each passing one array per column to {@code
 * unnest}; a settle batch adds them to its other writes ({@link Flight}). A single
 * postings INSERT is also what the database's zero-sum trigger needs: it checks each statement's
 * rows, so an entry's postings must never be split across statements.
 */
@Repository
public class JournalStore {
  /** Entries per append: a settle batch holds hundreds; the arrays of ten thousand stay small. */
  public static final int BATCH_ENTRIES_MAX = 10_000;

  private final Flights flights;
  private final BalanceChanges changes;

  public JournalStore(Flights flights, BalanceChanges changes) {
    this.flights = flights;
    this.changes = changes;
  }

  /**
   * Appends the bookings of settled calls. Usage only ever takes credit away, so unlike {@link
   * #append} it does not count as a {@link BalanceChanges balance change}.
   */
  public void appendUsage(Flight writes, List<Booking> bookings, Instant createdAt) {
    write(writes, bookings, createdAt);
  }

  /**
   * Appends {@code bookings} in two statements. Throws {@link
   * org.springframework.dao.DuplicateKeyException} when an entry id exists in its family: entry
   * ids are the callers' idempotency keys, so a duplicate is a replay the caller should have
   * answered before writing.
   */
  public void append(List<Booking> bookings, Instant createdAt) {
    // Credits, purchases, payments, refunds, allowances: any of them may let a refused caller spend.
    changes.changedOnCommit();
    Flight writes = flights.start();
    write(writes, bookings, createdAt);
    writes.send();
  }

  private void write(Flight writes, List<Booking> bookings, Instant createdAt) {
    if (bookings.isEmpty()) {
      return;
    }
    if (bookings.size() > BATCH_ENTRIES_MAX) {
      throw new IllegalArgumentException("at most " + BATCH_ENTRIES_MAX + " entries per append, got " + bookings.size());
    }
    int entries = bookings.size();
    String[] roots = new String[entries];
    String[] ids = new String[entries];
    String[] accounts = new String[entries];
    String[] kinds = new String[entries];
    long[] occurred = new long[entries];
    String[] references = new String[entries];
    int postings = 0;
    for (int i = 0; i < entries; i++) {
      Booking b = bookings.get(i);
      JournalEntry e = b.entry();
      roots[i] = b.rootId();
      ids[i] = e.id();
      accounts[i] = b.accountId();
      kinds[i] = e.kind().code();
      occurred[i] = SqlTime.epochMicros(e.occurredAt());
      references[i] = e.reference();
      postings += e.postings().size();
    }
    writes.update("""
            INSERT INTO journal_entries (root_id, id, account_id, kind, occurred_at, reference, created_at)
            SELECT r, i, a, k, (timestamptz 'epoch' + o * interval '1 microsecond'), ref, ?
              FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[]) AS t(r, i, a, k, o, ref)""",
        SqlTime.of(createdAt), roots, ids, accounts, kinds, occurred, references);

    // Primitive arrays: no boxing per posting on the hot path.
    String[] pRoots = new String[postings];
    String[] pEntries = new String[postings];
    int[] pSeqs = new int[postings];
    String[] pAccounts = new String[postings];
    String[] pUnits = new String[postings];
    long[] pAmounts = new long[postings];
    String[] pOwners = new String[postings];
    int n = 0;
    for (Booking b : bookings) {
      List<Posting> lines = b.entry().postings();
      for (int seq = 0; seq < lines.size(); seq++, n++) {
        Posting p = lines.get(seq);
        pRoots[n] = b.rootId();
        pEntries[n] = b.entry().id();
        pSeqs[n] = seq;
        pAccounts[n] = p.account().code();
        pUnits[n] = p.unit().code();
        pAmounts[n] = p.amount();
        pOwners[n] = LedgerOwners.ownerOf(p.account(), b.accountId());
      }
    }
    writes.update("""
            INSERT INTO postings (root_id, entry_id, seq, ledger_account, unit, amount, account_id)
            SELECT * FROM unnest(?::text[], ?::text[], ?::int[], ?::text[], ?::text[], ?::bigint[], ?::text[])""",
        pRoots, pEntries, pSeqs, pAccounts, pUnits, pAmounts, pOwners);
  }
}
