package dev.tollgate.server.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.credit.GrantClass;
import dev.tollgate.core.ledger.EntryKind;
import dev.tollgate.core.ledger.JournalEntry;
import dev.tollgate.core.ledger.LedgerAccount;
import dev.tollgate.core.ledger.LedgerUnit;
import dev.tollgate.core.ledger.Posting;
import dev.tollgate.server.support.ServerTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The database's own guards on the journal: zero-sum per statement, and no edits. */
class JournalDatabaseTest extends ServerTest {
  private static final LedgerUnit.Money USD = LedgerUnit.money("USD");

  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate tx;
  @Autowired JournalStore journal;

  private void insertEntry(String root, String id) {
    jdbc.sql("""
            INSERT INTO journal_entries (root_id, id, account_id, kind, occurred_at, reference, created_at)
            VALUES (?, ?, ?, 'correction', now(), 'test', now())""")
        .params(root, id, root)
        .update();
  }

  @Test
  void refusesPostingsThatDoNotSumToZeroInsertedThroughSql() {
    String root = uniqueId("sql");
    assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
      insertEntry(root, "je_bad");
      jdbc.sql("""
              INSERT INTO postings (root_id, entry_id, seq, ledger_account, unit, amount) VALUES
                (?, 'je_bad', 0, 'wallet:x', 'USD', 100), (?, 'je_bad', 1, 'adjustment:operator', 'USD', -99)""")
          .params(root, root)
          .update();
    })).hasMessageContaining("does not sum to zero in USD: 1");
    assertThat(jdbc.sql("SELECT count(*) FROM journal_entries WHERE root_id = ?").params(root).query(Long.class).single())
        .isZero();
  }

  @Test
  void refusesPostingsOfAJournalEntryThatDoesNotExist() {
    String root = uniqueId("orphan");
    assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
      insertEntry(root, "je_real");
      jdbc.sql("""
              INSERT INTO postings (root_id, entry_id, seq, ledger_account, unit, amount) VALUES
                (?, 'je_real', 0, 'wallet:x', 'USD', 100), (?, 'je_real', 1, 'adjustment:operator', 'USD', -100),
                (?, 'je_ghost', 0, 'wallet:x', 'USD', 7), (?, 'je_ghost', 1, 'adjustment:operator', 'USD', -7)""")
          .params(root, root, root, root)
          .update();
    })).hasMessageContaining("posting refers to journal entry je_ghost")
        .hasRootCauseInstanceOf(org.postgresql.util.PSQLException.class)
        .satisfies(e -> assertThat(((java.sql.SQLException) org.assertj.core.util.Throwables.getRootCause(e)).getSQLState())
            .isEqualTo("23503"));
    assertThat(jdbc.sql("SELECT count(*) FROM postings WHERE root_id = ?").params(root).query(Long.class).single())
        .isZero();
  }

  @Test
  void refusesPostingsOfAnotherFamilysJournalEntry() {
    String root = uniqueId("own");
    String other = uniqueId("other");
    tx.executeWithoutResult(status -> insertEntry(other, "je_theirs"));
    assertThatThrownBy(() -> tx.executeWithoutResult(status -> jdbc.sql("""
            INSERT INTO postings (root_id, entry_id, seq, ledger_account, unit, amount) VALUES
              (?, 'je_theirs', 0, 'wallet:x', 'USD', 5), (?, 'je_theirs', 1, 'adjustment:operator', 'USD', -5)""")
        .params(root, root)
        .update())).hasMessageContaining("posting refers to journal entry je_theirs of " + root);
  }

  @Test
  void refusesUnitsThatOffsetMoney() {
    String root = uniqueId("units");
    assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
      insertEntry(root, "je_mixed");
      jdbc.sql("""
              INSERT INTO postings (root_id, entry_id, seq, ledger_account, unit, amount) VALUES
                (?, 'je_mixed', 0, 'grant:g', 'units:img', 5), (?, 'je_mixed', 1, 'usage:img', 'USD', -5)""")
          .params(root, root)
          .update();
    })).hasMessageContaining("does not sum to zero");
  }

  @Test
  void acceptsABalancedBatchOfManyEntriesInTwoStatements() {
    String root = uniqueId("batch");
    List<Booking> bookings = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      bookings.add(new Booking(root, root, new JournalEntry("je_" + i, EntryKind.CORRECTION, Instant.parse("2026-11-01T00:00:00Z"),
          "test", List.of(
              new Posting(LedgerAccount.grantFunding(GrantClass.PROMO), USD, 1 + i),
              new Posting(LedgerAccount.breakage(GrantClass.PROMO), USD, -1 - i)))));
    }
    tx.executeWithoutResult(status -> journal.append(bookings, Instant.parse("2026-11-01T00:00:00Z")));
    assertThat(jdbc.sql("SELECT count(*) FROM postings WHERE root_id = ?").params(root).query(Long.class).single())
        .isEqualTo(1000);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "UPDATE journal_entries SET reference = 'edited' WHERE root_id = :root",
      "DELETE FROM journal_entries WHERE root_id = :root",
      "UPDATE postings SET amount = amount * 2 WHERE root_id = :root",
      "DELETE FROM postings WHERE root_id = :root",
      "TRUNCATE postings",
  })
  void refusesEditsOfTheJournal(String sql) {
    String root = uniqueId("edit");
    tx.executeWithoutResult(status -> journal.append(List.of(new Booking(root, root, new JournalEntry(
        "je_1", EntryKind.TOPUP, Instant.parse("2026-11-01T00:00:00Z"), "test", List.of(
            new Posting(LedgerAccount.wallet(root), USD, 5), new Posting(LedgerAccount.adjustment("operator"), USD, -5))))),
        Instant.parse("2026-11-01T00:00:00Z")));
    assertThatThrownBy(() -> jdbc.sql(sql).param("root", root).update()).hasMessageContaining("append-only");
    assertThat(jdbc.sql("SELECT sum(amount) FROM postings WHERE root_id = ? AND ledger_account LIKE 'wallet:%'")
        .params(root).query(Long.class).single()).isEqualTo(5);
  }
}
