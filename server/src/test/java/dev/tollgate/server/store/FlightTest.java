package dev.tollgate.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.server.support.ServerTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Several queries in one round trip, each its own statement, in the caller's transaction. */
class FlightTest extends ServerTest {
  @Autowired Flights flights;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate tx;

  @BeforeEach
  void aTableToLock() {
    jdbc.sql("CREATE TABLE IF NOT EXISTS flight_probe (id text PRIMARY KEY, value bigint NOT NULL)").update();
  }

  private static Long single(java.sql.ResultSet rs) throws java.sql.SQLException {
    return rs.next() ? rs.getLong(1) : null;
  }

  @Test
  void everyQueryIsAnsweredInTheOrderItWasAddedWithItsOwnParameters() {
    Flight flight = flights.start();
    Flight.Answer<Long> sum = flight.add("SELECT ?::bigint + ?::bigint", FlightTest::single, 40L, 2L);
    Flight.Answer<List<String>> rows = flight.add("SELECT t FROM unnest(?::text[]) AS t ORDER BY t", rs -> {
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return out;
    }, (Object) new String[] {"b", "a", "c"});
    Flight.Answer<Long> none = flight.add("SELECT 1 WHERE false", FlightTest::single);
    flight.send();

    assertThat(sum.get()).isEqualTo(42L);
    assertThat(rows.get()).containsExactly("a", "b", "c");
    assertThat(none.get()).isNull();
  }

  @Test
  void theQueriesRunInTheCallersTransactionOneAfterTheOther() {
    String seen = tx.execute(status -> {
      Flight flight = flights.start();
      flight.add("SELECT set_config('tollgate.flight_probe', 'set by the first query', true)", rs -> null);
      Flight.Answer<String> second = flight.add("SELECT current_setting('tollgate.flight_probe')", rs -> {
        rs.next();
        return rs.getString(1);
      });
      flight.send();
      return second.get();
    });
    assertThat(seen).isEqualTo("set by the first query");
  }

  @Test
  void aQueryAfterALockSeesWhatTheLocksFormerHolderCommitted() throws Exception {
    String id = uniqueId("row");
    jdbc.sql("INSERT INTO flight_probe (id, value) VALUES (?, 1)").params(id).update();
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> tx.executeWithoutResult(status -> {
      jdbc.sql("SELECT id FROM flight_probe WHERE id = ? FOR UPDATE").params(id).query().singleRow();
      jdbc.sql("UPDATE flight_probe SET value = 2 WHERE id = ?").params(id).update();
      holding.countDown();
      await(release);
    }));
    assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Long> reader = CompletableFuture.supplyAsync(() -> tx.execute(status -> {
      Flight flight = flights.start();
      flight.add("SELECT id FROM flight_probe WHERE id = ? FOR UPDATE", rs -> null, id);
      Flight.Answer<Long> value = flight.add("SELECT value FROM flight_probe WHERE id = ?", FlightTest::single, id);
      flight.send();
      return value.get();
    }));
    Thread.sleep(200);
    assertThat(reader).as("waits for the lock").isNotDone();
    release.countDown();
    holder.get(10, TimeUnit.SECONDS);
    assertThat(reader.get(10, TimeUnit.SECONDS)).as("the update committed while it waited").isEqualTo(2L);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void aFirstFlightWithGenericPlansSetsThemForItsTransactionOnly() {
    record Seen(int pid, String mode) {}
    Seen inside = tx.execute(status -> {
      Flight flight = flights.startWithGenericPlans();
      Flight.Answer<Seen> seen = flight.add("SELECT pg_backend_pid(), current_setting('plan_cache_mode')", rs -> {
        rs.next();
        return new Seen(rs.getInt(1), rs.getString(2));
      });
      flight.send();
      return seen.get();
    });
    Seen after = tx.execute(status -> jdbc.sql("SELECT pg_backend_pid(), current_setting('plan_cache_mode')")
        .query((rs, n) -> new Seen(rs.getInt(1), rs.getString(2))).single());

    assertThat(inside.mode()).isEqualTo("force_generic_plan");
    assertThat(after.pid()).as("the pool hands this thread the same connection").isEqualTo(inside.pid());
    assertThat(after.mode()).isEqualTo("auto");
  }

  @Test
  void aKnownAnswerNeedsNoQueryAndAnEmptyFlightSendsNothing() {
    Flight flight = flights.start();
    Flight.Answer<String> known = Flight.known("no ids, no query");
    flight.send();
    assertThat(known.get()).isEqualTo("no ids, no query");
  }

  @Test
  void aFlightCarriesSixteenQueriesAndRefusesASeventeenth() {
    Flight flight = flights.start();
    List<Flight.Answer<Long>> answers = new ArrayList<>();
    for (long i = 0; i < Flight.QUERIES_MAX; i++) {
      answers.add(flight.add("SELECT ?::bigint", FlightTest::single, i));
    }
    assertThatThrownBy(() -> flight.add("SELECT 16", FlightTest::single))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("at most 16");
    flight.send();
    assertThat(answers).extracting(Flight.Answer::get).containsExactly(
        0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L);
  }

  @Test
  void writesCountTheirRowsAndEachSeesTheWritesBeforeIt() {
    String a = uniqueId("w");
    String b = uniqueId("w");
    long total = tx.execute(status -> {
      Flight flight = flights.start();
      Flight.Answer<Integer> inserted = flight.update(
          "INSERT INTO flight_probe (id, value) SELECT unnest(?::text[]), 5", (Object) new String[] {a, b});
      Flight.Answer<Integer> updated = flight.update(
          "UPDATE flight_probe SET value = value * 2 WHERE id = ANY(?::text[])", (Object) new String[] {a, b});
      Flight.Answer<Integer> none = flight.update("UPDATE flight_probe SET value = 0 WHERE id = ?", "no such row");
      Flight.Answer<Long> sum = flight.add("SELECT sum(value) FROM flight_probe WHERE id = ANY(?::text[])",
          FlightTest::single, (Object) new String[] {a, b});
      flight.send();
      assertThat(inserted.get()).isEqualTo(2);
      assertThat(updated.get()).as("sees the insert before it").isEqualTo(2);
      assertThat(none.get()).isZero();
      return sum.get();
    });
    assertThat(total).isEqualTo(20L);
  }

  @Test
  void aRequiredRowCountThatIsNotMetFailsTheSendAfterEveryStatementRan() {
    String id = uniqueId("w");
    assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
      Flight flight = flights.start();
      Flight.Answer<Integer> updated = flight.update("UPDATE flight_probe SET value = 1 WHERE id = ?", id);
      flight.require(updated, 1, () -> "row " + id + " was not there");
      flight.send();
    })).isInstanceOf(IllegalStateException.class).hasMessageContaining("row " + id + " was not there")
        .hasMessageContaining("expected 1 rows, wrote 0");
  }

  /** With the COMMIT in the flight too: PostgreSQL skips it after the failure, up to the sync. */
  @ParameterizedTest(name = "carrying the commit: {0}")
  @ValueSource(booleans = {false, true})
  void aFailingWriteFailsTheWholeFlightWithTheDatabasesReasonAndCommitsNothingBeforeIt(boolean carriesCommit) {
    String id = uniqueId("w");
    assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
      Flight flight = flights.start();
      flight.update("INSERT INTO flight_probe (id, value) VALUES (?, 1)", id);
      flight.update("INSERT INTO flight_probe (id, value) VALUES (?, 2)", id);
      if (carriesCommit) {
        flight.sendAndCommit();
      } else {
        flight.send();
      }
    })).isInstanceOf(org.springframework.dao.DuplicateKeyException.class);
    assertThat(count(id)).as("rolled back with its transaction").isZero();
  }

  @Test
  void aLastFlightCarriesTheCommitSoOthersSeeItsWritesBeforeTheTransactionManagerCommits() {
    String id = uniqueId("c");
    long seenByOthers = tx.execute(status -> {
      Flight last = flights.start();
      Flight.Answer<Integer> inserted = last.update("INSERT INTO flight_probe (id, value) VALUES (?, 7)", id);
      last.sendAndCommit();
      assertThat(inserted.get()).isEqualTo(1);
      // Another connection, on another thread: it sees only committed rows.
      return CompletableFuture.supplyAsync(() -> count(id)).join();
    });
    assertThat(seenByOthers).as("committed by the flight itself").isEqualTo(1);
    assertThat(count(id)).isEqualTo(1);
  }

  @Test
  void aLastFlightWithoutStatementsLeavesTheCommitToTheTransactionManager() {
    String id = uniqueId("c");
    tx.executeWithoutResult(status -> {
      jdbc.sql("INSERT INTO flight_probe (id, value) VALUES (?, 3)").params(id).update();
      flights.start().sendAndCommit();
      assertThat(CompletableFuture.supplyAsync(() -> count(id)).join()).as("not committed yet").isZero();
    });
    assertThat(count(id)).isEqualTo(1);
  }

  @Test
  void onlyAFlightInATransactionWithoutRequiredCountsCarriesTheCommit() {
    Flight outside = flights.start();
    outside.update("UPDATE flight_probe SET value = 0 WHERE false");
    assertThatThrownBy(outside::sendAndCommit).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("in a transaction");
    String id = uniqueId("c");
    assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
      Flight last = flights.start();
      last.update("INSERT INTO flight_probe (id, value) VALUES (?, 1)", id);
      Flight.Answer<Integer> updated = last.update("UPDATE flight_probe SET value = 2 WHERE id = ?", "no such row");
      last.require(updated, 1, () -> "the row was not there");
      last.sendAndCommit();
    })).isInstanceOf(IllegalStateException.class).hasMessageContaining("required row counts");
    assertThat(count(id)).as("nothing was sent").isZero();
  }

  private long count(String id) {
    return jdbc.sql("SELECT count(*) FROM flight_probe WHERE id = ?").params(id).query(Long.class).single();
  }

  @Test
  void aStatementMustReturnWhatItWasAddedAs() {
    Flight rowsExpected = flights.start();
    rowsExpected.add("UPDATE flight_probe SET value = 0 WHERE false", FlightTest::single);
    assertThatThrownBy(rowsExpected::send).isInstanceOf(IllegalStateException.class).hasMessageContaining("expected rows");
    Flight countExpected = flights.start();
    countExpected.update("SELECT 1");
    assertThatThrownBy(countExpected::send).isInstanceOf(IllegalStateException.class).hasMessageContaining("expected a count");
  }

  @Test
  void misuseIsABug() {
    Flight flight = flights.start();
    Flight.Answer<Long> unsent = flight.add("SELECT 1", FlightTest::single);
    assertThatThrownBy(unsent::get).isInstanceOf(IllegalStateException.class).hasMessageContaining("not sent");
    assertThatThrownBy(() -> flight.add("SELECT 1; SELECT 2", FlightTest::single))
        .isInstanceOf(IllegalArgumentException.class);
    flight.send();
    assertThatThrownBy(flight::send).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> flight.add("SELECT 1", FlightTest::single)).isInstanceOf(IllegalStateException.class);
  }
}
