package dev.tollgate.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Instants to and from {@code timestamptz}; the JDBC driver speaks OffsetDateTime, not Instant. */
public final class SqlTime {
  private SqlTime() {}

  public static OffsetDateTime of(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  /**
   * Microseconds since the epoch, half a microsecond rounded up (PostgreSQL keeps microseconds),
   * for the timestamp arrays of multi-row statements, which turn them back with
   * {@code timestamptz 'epoch' + x * interval '1 microsecond'} (exact below the year 2255): integer
   * arithmetic in the database and no formatting in Java, where {@code Instant.toString} was a fifth
   * of a settle writer's samples.
   */
  public static long epochMicros(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), (instant.getNano() + 500) / 1000);
  }

  public static Instant read(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
