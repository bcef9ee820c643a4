package dev.tollgate.core.ledger;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;

/**
 * An append-only double-entry journal entry. Constructing one {@linkplain #check checks} it, so an
 * unbalanced entry cannot exist in memory; the database checks the same again before commit.
 *
 * @param id unique, chosen by the caller (it doubles as the idempotency key of the write)
 * @param reference what caused it: grant id, request id, order id, or the corrected entry's id
 */
public record JournalEntry(
    String id, EntryKind kind, Instant occurredAt, String reference, List<Posting> postings) {

  public JournalEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(reference, "reference");
    postings = List.copyOf(postings);
    check(postings);
  }

  /**
   * Throws unless {@code postings} is non-empty and sums to zero in every unit. Sums are exact:
   * an overflowing sum throws rather than wrapping to a false zero.
   */
  public static void check(List<Posting> postings) {
    if (postings.isEmpty()) {
      throw new IllegalArgumentException("a journal entry has postings");
    }
    var sums = new HashMap<LedgerUnit, Long>();
    for (Posting p : postings) {
      sums.merge(p.unit(), p.amount(), Math::addExact);
    }
    sums.forEach(
        (unit, sum) -> {
          if (sum != 0) {
            throw new IllegalArgumentException(
                "postings in " + unit.code() + " sum to " + sum + ", not zero: " + postings);
          }
        });
  }
}
