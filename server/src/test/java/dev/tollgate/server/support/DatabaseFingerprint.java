package dev.tollgate.server.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The row count and an md5 of the ordered rows of every Tollgate table: equal fingerprints before
 * and after a request mean it changed nothing. Tests run one after another in one JVM, so a
 * before/after pair inside one test sees only that test's requests.
 */
public final class DatabaseFingerprint {
  /** Bookkeeping of the migration tool and the scheduler, not Tollgate's state. */
  private static final Set<String> SKIPPED = Set.of("flyway_schema_history", "scheduled_tasks");
  /** Columns written in the background on a timer, whatever the requests under test do. */
  private static final Map<String, String> TIME_DRIVEN_COLUMNS = Map.of(
      "api_keys", "last_used_at"); // KeyUsageRecorder flushes earlier tests' key use every 5 s

  private DatabaseFingerprint() {}

  public static Map<String, String> of(JdbcClient jdbc) {
    List<String> tables = jdbc.sql("""
            SELECT table_name FROM information_schema.tables
             WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name""")
        .query(String.class).list();
    Map<String, String> out = new TreeMap<>();
    for (String table : tables) {
      if (SKIPPED.contains(table)) {
        continue;
      }
      String row = TIME_DRIVEN_COLUMNS.containsKey(table)
          ? "(to_jsonb(t) - '" + TIME_DRIVEN_COLUMNS.get(table) + "')::text" : "t::text";
      out.put(table, jdbc.sql("SELECT count(*) || ':' || coalesce(md5(string_agg(md5(" + row + "), '' ORDER BY md5(" + row
          + "))), '') FROM \"" + table + "\" t").query(String.class).single());
    }
    return out;
  }

  /** The tables whose fingerprint differs, with both values. */
  public static Map<String, String> changed(Map<String, String> before, Map<String, String> after) {
    Map<String, String> out = new LinkedHashMap<>();
    after.forEach((table, fp) -> {
      if (!fp.equals(before.get(table))) {
        out.put(table, before.get(table) + " -> " + fp);
      }
    });
    return out;
  }
}
