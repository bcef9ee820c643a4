package dev.tollgate.server.pricing;

import dev.tollgate.core.pricing.Fraction;
import dev.tollgate.server.store.SqlTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for tool prices, price groups and service tiers. Callers own the transaction. */
@Repository
public class MultiplierStore {
  /** The two tables of named multipliers; the names are constants, never request input. */
  enum Kind {
    PRICE_GROUP("price_groups", "id"),
    SERVICE_TIER("service_tiers", "name");

    final String table;
    final String key;

    Kind(String table, String key) {
      this.table = table;
      this.key = key;
    }
  }

  private final JdbcClient jdbc;

  public MultiplierStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void putMultiplier(Kind kind, String name, Fraction multiplier, Instant now) {
    jdbc.sql("INSERT INTO " + kind.table + " (" + kind.key + ", numerator, denominator, updated_at)"
            + " VALUES (:name, :n, :d, :now) ON CONFLICT (" + kind.key + ") DO UPDATE"
            + " SET numerator = EXCLUDED.numerator, denominator = EXCLUDED.denominator, updated_at = EXCLUDED.updated_at")
        .param("name", name)
        .param("n", multiplier.numerator())
        .param("d", multiplier.denominator())
        .param("now", SqlTime.of(now))
        .update();
  }

  /** All multipliers of a kind, by name. */
  Map<String, Fraction> multipliers(Kind kind) {
    Map<String, Fraction> all = new LinkedHashMap<>();
    jdbc.sql("SELECT " + kind.key + " AS name, numerator, denominator FROM " + kind.table + " ORDER BY " + kind.key)
        .query(rs -> {
          all.put(rs.getString("name"), Fraction.of(rs.getLong("numerator"), rs.getLong("denominator")));
        });
    return all;
  }

  int count(Kind kind) {
    return jdbc.sql("SELECT count(*) FROM " + kind.table).query(Integer.class).single();
  }

  void putTool(String name, long perCallNanos, Instant now) {
    jdbc.sql("""
            INSERT INTO tool_prices (name, per_call_nanos, updated_at) VALUES (:name, :price, :now)
            ON CONFLICT (name) DO UPDATE SET per_call_nanos = EXCLUDED.per_call_nanos, updated_at = EXCLUDED.updated_at""")
        .param("name", name)
        .param("price", perCallNanos)
        .param("now", SqlTime.of(now))
        .update();
  }

  /** Every tool price, by name. */
  Map<String, Long> tools() {
    Map<String, Long> all = new LinkedHashMap<>();
    jdbc.sql("SELECT name, per_call_nanos FROM tool_prices ORDER BY name")
        .query(rs -> {
          all.put(rs.getString("name"), rs.getLong("per_call_nanos"));
        });
    return all;
  }
}
