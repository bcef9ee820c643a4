package dev.tollgate.core.ledger;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Balances derived from the journal: each (account, unit) balance is the sum of its postings.
 * The journal is the truth; stored balances (grant remaining, wallet balance) are caches that
 * reconciliation compares against this.
 */
public record Balances(Map<Key, Long> byAccountUnit) {

  /** A balance is kept per account and unit: units never offset money. */
  public record Key(LedgerAccount account, LedgerUnit unit) {}

  public Balances {
    byAccountUnit = Collections.unmodifiableMap(new LinkedHashMap<>(byAccountUnit));
  }

  public static Balances of(Iterable<JournalEntry> entries) {
    var sums = new LinkedHashMap<Key, Long>();
    for (JournalEntry e : entries) {
      for (Posting p : e.postings()) {
        sums.merge(new Key(p.account(), p.unit()), p.amount(), Math::addExact);
      }
    }
    return new Balances(sums);
  }

  /** The balance of {@code account} in {@code unit}; zero when it has no postings. */
  public long of(LedgerAccount account, LedgerUnit unit) {
    return byAccountUnit.getOrDefault(new Key(account, unit), 0L);
  }

  /** The sum of all balances in {@code unit}: zero for any balanced journal. */
  public long total(LedgerUnit unit) {
    long sum = 0;
    for (var e : byAccountUnit.entrySet()) {
      if (e.getKey().unit().equals(unit)) {
        sum = Math.addExact(sum, e.getValue());
      }
    }
    return sum;
  }
}
