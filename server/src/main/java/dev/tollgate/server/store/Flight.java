package dev.tollgate.server.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Queries sent to PostgreSQL together, in one network round trip. The driver sends a prepared
 * statement that holds several queries as one message train (each query parsed, bound and
 * executed in turn, then one sync), so a batch that needs six independent reads waits for the
 * network once instead of six times; on this 2-core machine a round trip costs both processes a
 * send, a receive and a wake-up (BENCHMARKS.md, runs 15–16).
 *
 * <p>Each query is still its own statement: under READ COMMITTED each one sees everything committed
 * before it starts, exactly as if it were sent alone. Queries in one flight must not depend on each
 * other's results; what a later statement needs goes in a later flight.
 *
 * <p>Writes fly the same way ({@link #update}): a settle batch's inserts and upserts go as one
 * train after its reads. They run in the order added, each seeing the ones before it (the journal's
 * postings after their entries).
 *
 * <p>The last flight of a transaction may carry its COMMIT ({@link #sendAndCommit}): the driver sends
 * it in the same message train and then has no transaction left to commit, so the transaction
 * manager's own commit sends nothing. One round trip fewer for each batch; a failed statement
 * still skips the COMMIT (PostgreSQL ignores everything up to the train's sync), and the rollback
 * that follows undoes the lot.
 *
 * <p>Use: {@code add} or {@code update} every statement (an empty input may answer without one,
 * {@link #known}), {@link #send} (or {@link #sendAndCommit}) once, then read each {@link Answer}. A
 * flight is for one thread and one send.
 */
public final class Flight {
  /** Queries per flight: a batch's reads, not a bulk channel. */
  public static final int QUERIES_MAX = 16;

  private final JdbcOperations jdbc;
  private final List<Query<?>> queries = new ArrayList<>();
  private final List<Runnable> checks = new ArrayList<>();
  private boolean sent;

  Flight(JdbcOperations jdbc, boolean genericPlans) {
    this.jdbc = jdbc;
    if (genericPlans) {
      add("SELECT set_config('plan_cache_mode', 'force_generic_plan', true)", rs -> null);
    }
  }

  /** What one query of a flight produced; readable once the flight was sent. */
  public static final class Answer<T> {
    private T value;
    private boolean ready;

    private void set(T value) {
      this.value = value;
      this.ready = true;
    }

    public T get() {
      if (!ready) {
        throw new IllegalStateException("the flight holding this query was not sent");
      }
      return value;
    }
  }

  /** {@code rows} is null for a statement that returns a row count instead of rows. */
  private record Query<T>(String sql, Object[] params, ResultSetExtractor<T> rows, Answer<T> answer) {}

  /** An answer known without asking the database (an empty list of ids, say). */
  public static <T> Answer<T> known(T value) {
    Answer<T> answer = new Answer<>();
    answer.set(value);
    return answer;
  }

  /**
   * Adds a query with {@code ?} placeholders and its parameters (bound as {@code JdbcClient} binds
   * positional ones); {@code rows} reads its whole result.
   */
  public <T> Answer<T> add(String sql, ResultSetExtractor<T> rows, Object... params) {
    return enqueue(sql, Objects.requireNonNull(rows, "rows"), params);
  }

  /** Adds a statement that returns no rows (INSERT, UPDATE); its answer is the number of rows it wrote. */
  public Answer<Integer> update(String sql, Object... params) {
    return enqueue(sql, null, params);
  }

  /**
   * Once the flight is sent, {@code count} must be {@code rows}, or the send throws {@link
   * IllegalStateException} with {@code failure}'s message: for writes whose every row must exist
   * (a grant a deduction burnt), where a shortfall is a bug, not a rejection.
   */
  public void require(Answer<Integer> count, int rows, Supplier<String> failure) {
    checks.add(() -> {
      if (count.get() != rows) {
        throw new IllegalStateException(failure.get() + " (expected " + rows + " rows, wrote " + count.get() + ")");
      }
    });
  }

  private <T> Answer<T> enqueue(String sql, ResultSetExtractor<T> rows, Object... params) {
    if (sent) {
      throw new IllegalStateException("this flight was sent already");
    }
    if (queries.size() == QUERIES_MAX) {
      throw new IllegalStateException("a flight carries at most " + QUERIES_MAX + " queries");
    }
    if (sql.indexOf(';') >= 0) {
      throw new IllegalArgumentException("one query per add, without ';'");
    }
    Answer<T> answer = new Answer<>();
    queries.add(new Query<>(sql, params, rows, answer));
    return answer;
  }

  /** The queries added so far, in order, with {@code ?} placeholders (for EXPLAIN in tests). */
  public List<String> statements() {
    return queries.stream().map(Query::sql).toList();
  }

  /** Sends every query added (none: no round trip) and fills their answers. */
  public void send() {
    send(false);
  }

  /**
   * Sends every query added and then commits the caller's transaction, in the same round trip. Only
   * for the transaction's last statements: anything run after it would start a new transaction.
   * A flight with {@link #require}d counts cannot carry the commit, because those are checked after
   * its answers arrive, too late to undo a committed write.
   */
  public void sendAndCommit() {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException("only a flight in a transaction can carry its commit");
    }
    if (!checks.isEmpty()) {
      throw new IllegalStateException("a flight with required row counts cannot carry the commit");
    }
    if (queries.isEmpty()) {
      // Nothing to carry it: the transaction manager's commit does it.
      send(false);
      return;
    }
    send(true);
  }

  private void send(boolean commit) {
    if (sent) {
      throw new IllegalStateException("this flight was sent already");
    }
    sent = true;
    if (queries.isEmpty()) {
      return;
    }
    StringBuilder sql = new StringBuilder();
    for (Query<?> q : queries) {
      sql.append(sql.isEmpty() ? "" : ";\n").append(q.sql());
    }
    if (commit) {
      sql.append(";\nCOMMIT");
    }
    jdbc.execute((ConnectionCallback<Void>) con -> {
      try (PreparedStatement ps = con.prepareStatement(sql.toString())) {
        int index = 1;
        for (Query<?> q : queries) {
          for (Object param : q.params()) {
            StatementCreatorUtils.setParameterValue(ps, index++, SqlTypeValue.TYPE_UNKNOWN, param);
          }
        }
        boolean resultSet = ps.execute();
        for (int i = 0; i < queries.size(); i++) {
          if (i > 0) {
            resultSet = ps.getMoreResults();
          }
          Query<?> query = queries.get(i);
          if (resultSet != (query.rows() != null)) {
            throw new IllegalStateException("statement " + (i + 1) + " of a flight returned "
                + (resultSet ? "rows, expected a count" : "a count, expected rows") + ": " + query.sql());
          }
          if (resultSet) {
            try (ResultSet rs = ps.getResultSet()) {
              read(query, rs);
            }
          } else {
            counted(query, ps.getUpdateCount());
          }
        }
      }
      return null;
    });
    checks.forEach(Runnable::run);
  }

  private static <T> void read(Query<T> query, ResultSet rs) throws SQLException {
    query.answer().set(query.rows().extractData(rs));
  }

  @SuppressWarnings("unchecked")
  private static void counted(Query<?> query, int rows) {
    ((Answer<Integer>) query.answer()).set(rows);
  }
}
