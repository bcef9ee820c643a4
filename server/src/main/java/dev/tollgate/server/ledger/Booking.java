package dev.tollgate.server.ledger;

import dev.tollgate.core.ledger.JournalEntry;
import java.util.Objects;

/**
 * A journal entry with where it belongs: the family it is sharded by, and the account it is booked
 * for (the owner of the grant or wallet it moves). {@code grant:} postings are owned by {@code
 * accountId}; {@code wallet:} and {@code postpaid:} postings by the account their key names.
 */
public record Booking(String rootId, String accountId, JournalEntry entry) {
  public Booking {
    Objects.requireNonNull(rootId, "rootId");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(entry, "entry");
  }
}
