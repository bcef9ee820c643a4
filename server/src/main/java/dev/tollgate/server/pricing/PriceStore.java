package dev.tollgate.server.pricing;

import dev.tollgate.core.pricing.PriceVersion;
import dev.tollgate.server.store.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * SQL for price versions and the prices revision. A version is stored as its {@link PriceDocument}
 * (jsonb) and read back through {@link PriceDocumentReader}, so it reads back equal. Callers own
 * the transaction.
 */
@Repository
public class PriceStore {
  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate batch;
  private final JsonMapper json;

  public PriceStore(JdbcClient jdbc, NamedParameterJdbcTemplate batch, JsonMapper json) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.json = json;
  }

  /** The meter with its version in force now, or empty when only future versions exist. */
  record MeterRow(String meter, Optional<PriceVersion> current) {}

  private static final String INSERT = """
      INSERT INTO price_versions (meter, effective_at, currency, mode, document, created_at)
      VALUES (:meter, :effectiveAt, :currency, :mode, CAST(:document AS jsonb), :createdAt)
      ON CONFLICT (meter, effective_at) DO NOTHING""";

  /** Inserts unless (meter, effectiveAt) exists; returns whether this call inserted it. */
  boolean insertIfAbsent(PriceVersion version, Instant createdAt) {
    return batch.update(INSERT, params(version, createdAt)) == 1;
  }

  /**
   * Inserts many versions in one JDBC batch (one round trip per driver batch, not per version);
   * each element of the answer says whether that version was inserted.
   */
  boolean[] insertAllIfAbsent(List<PriceVersion> versions, Instant createdAt) {
    SqlParameterSource[] rows = versions.stream().map(v -> params(v, createdAt)).toArray(SqlParameterSource[]::new);
    int[] counts = batch.batchUpdate(INSERT, rows);
    boolean[] inserted = new boolean[counts.length];
    for (int i = 0; i < counts.length; i++) {
      inserted[i] = counts[i] == 1;
    }
    return inserted;
  }

  private MapSqlParameterSource params(PriceVersion version, Instant createdAt) {
    return new MapSqlParameterSource()
        .addValue("meter", version.meter())
        .addValue("effectiveAt", SqlTime.of(version.effectiveAt()))
        .addValue("currency", version.currency())
        .addValue("mode", version.mode().code())
        .addValue("document", json.writeValueAsString(PriceDocument.of(version)))
        .addValue("createdAt", SqlTime.of(createdAt));
  }

  Optional<PriceVersion> find(String meter, Instant effectiveAt) {
    return jdbc.sql("SELECT meter, document FROM price_versions WHERE meter = :meter AND effective_at = :at")
        .param("meter", meter)
        .param("at", SqlTime.of(effectiveAt))
        .query(this::map)
        .optional();
  }

  /** The version in force for (meter, at): one lookup on the primary key. */
  public Optional<PriceVersion> inForceAt(String meter, Instant at) {
    return jdbc.sql("""
            SELECT meter, document FROM price_versions WHERE meter = :meter AND effective_at <= :at
            ORDER BY effective_at DESC LIMIT 1""")
        .param("meter", meter)
        .param("at", SqlTime.of(at))
        .query(this::map)
        .optional();
  }

  /** The versions in force at {@code at} of many meters, in one query; meters without one are absent. */
  Map<String, PriceVersion> inForceAt(Collection<String> meters, Instant at) {
    Map<String, PriceVersion> found = new HashMap<>();
    jdbc.sql("""
            SELECT DISTINCT ON (meter) meter, document FROM price_versions
            WHERE meter = ANY (:meters) AND effective_at <= :at ORDER BY meter, effective_at DESC""")
        .param("meters", meters.toArray(String[]::new))
        .param("at", SqlTime.of(at))
        .query(this::map)
        .list()
        .forEach(v -> found.put(v.meter(), v));
    return found;
  }

  /** Every version of a meter, oldest first. */
  public List<PriceVersion> history(String meter) {
    return jdbc.sql("SELECT meter, document FROM price_versions WHERE meter = :meter ORDER BY effective_at")
        .param("meter", meter)
        .query(this::map)
        .list();
  }

  /** Every version of every meter, by meter then effective time: the export. */
  List<PriceVersion> all() {
    return jdbc.sql("SELECT meter, document FROM price_versions ORDER BY meter, effective_at").query(this::map).list();
  }

  /** Up to {@code limit} meters after {@code afterMeter}, by name, each with its version in force at {@code now}. */
  List<MeterRow> meters(String afterMeter, Instant now, int limit) {
    return jdbc.sql("""
            SELECT m.meter, v.document FROM (
              SELECT DISTINCT meter FROM price_versions WHERE (CAST(:after AS text) IS NULL OR meter > :after)
              ORDER BY meter LIMIT :limit) m
            LEFT JOIN LATERAL (
              SELECT document FROM price_versions p WHERE p.meter = m.meter AND p.effective_at <= :now
              ORDER BY p.effective_at DESC LIMIT 1) v ON true
            ORDER BY m.meter""")
        .param("after", afterMeter)
        .param("now", SqlTime.of(now))
        .param("limit", limit)
        .query((rs, row) -> new MeterRow(
            rs.getString("meter"),
            rs.getString("document") == null ? Optional.empty() : Optional.of(map(rs, row))))
        .list();
  }

  /** The counter every price write bumps; see {@link PriceCatalog}. */
  long revision() {
    return jdbc.sql("SELECT revision FROM prices_revision WHERE id = 1").query(Long.class).single();
  }

  void bumpRevision() {
    jdbc.sql("UPDATE prices_revision SET revision = revision + 1 WHERE id = 1").update();
  }

  private PriceVersion map(ResultSet rs, int row) throws SQLException {
    PriceDocument doc = json.readValue(rs.getString("document"), PriceDocument.class);
    return PriceDocumentReader.read(rs.getString("meter"), doc, null);
  }
}
