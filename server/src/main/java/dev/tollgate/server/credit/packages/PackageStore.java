package dev.tollgate.server.credit.packages;

import dev.tollgate.core.credit.Denomination;
import dev.tollgate.core.credit.packages.PackageKind;
import dev.tollgate.server.store.SqlTime;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the package catalog. Callers own the transaction. */
@Repository
public class PackageStore {
  private final JdbcClient jdbc;

  public PackageStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Creates or replaces a package; keeps its first {@code created_at}. Purchases copy what they
   * need (price paid, validity end, refund window), so a change applies to later purchases only.
   */
  CatalogPackage upsert(CatalogPackage p, Instant now) {
    return jdbc.sql("""
            INSERT INTO packages (id, name, kind, meters, denomination, amount, monthly_allowance, price_nanos,
                                  currency, validity, refundable_days, rank, concurrency, exclusive, active, created_at,
                                  updated_at, storage_capacity)
            VALUES (?, ?, ?, ?::text[], ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET
              name = EXCLUDED.name, kind = EXCLUDED.kind, meters = EXCLUDED.meters,
              denomination = EXCLUDED.denomination, amount = EXCLUDED.amount,
              monthly_allowance = EXCLUDED.monthly_allowance, price_nanos = EXCLUDED.price_nanos,
              currency = EXCLUDED.currency, validity = EXCLUDED.validity, refundable_days = EXCLUDED.refundable_days,
              rank = EXCLUDED.rank, concurrency = EXCLUDED.concurrency, exclusive = EXCLUDED.exclusive,
              active = EXCLUDED.active, storage_capacity = EXCLUDED.storage_capacity,
              updated_at = EXCLUDED.updated_at
            RETURNING *""")
        .params(p.id(), p.name(), p.kind().code(), p.meters() == null ? null : p.meters().toArray(String[]::new),
            p.denomination() == null ? null : p.denomination().code(), p.amount(), p.monthlyAllowance(),
            p.priceNanos(), p.currency(), p.validity().toString(), p.refundableDays(), p.rank(), p.concurrency(),
            p.exclusive(), p.active(), SqlTime.of(now), SqlTime.of(now), p.storageCapacity())
        .query(PackageStore::map)
        .single();
  }

  public Optional<CatalogPackage> find(String id) {
    return jdbc.sql("SELECT * FROM packages WHERE id = ?").params(id).query(PackageStore::map).optional();
  }

  /** Up to {@code limit} packages with ids after {@code afterId}, by id. */
  List<CatalogPackage> list(String afterId, int limit) {
    return jdbc.sql("SELECT * FROM packages WHERE id > ? ORDER BY id LIMIT ?")
        .params(afterId == null ? "" : afterId, limit)
        .query(PackageStore::map)
        .list();
  }

  /** Active prepaid units packages of exactly this meter: what the advisor may combine. */
  List<CatalogPackage> prepaidUnitsOf(String meter) {
    return jdbc.sql("""
            SELECT * FROM packages WHERE kind = 'prepaid' AND denomination = 'units' AND active
               AND meters = ARRAY[?]::text[] ORDER BY id""")
        .params(meter)
        .query(PackageStore::map)
        .list();
  }

  static CatalogPackage map(ResultSet rs, int row) throws SQLException {
    Array meters = rs.getArray("meters");
    String denomination = rs.getString("denomination");
    return new CatalogPackage(
        rs.getString("id"), rs.getString("name"), PackageKind.fromCode(rs.getString("kind")).orElseThrow(),
        meters == null ? null : List.of((String[]) meters.getArray()),
        denomination == null ? null : Denomination.fromCode(denomination),
        rs.getObject("amount", Long.class), rs.getObject("monthly_allowance", Long.class), rs.getLong("price_nanos"),
        rs.getString("currency"), Period.parse(rs.getString("validity")), rs.getInt("refundable_days"),
        rs.getObject("rank", Integer.class), rs.getObject("concurrency", Integer.class), rs.getBoolean("exclusive"),
        rs.getBoolean("active"), rs.getObject("storage_capacity", Long.class),
        SqlTime.read(rs, "created_at"), SqlTime.read(rs, "updated_at"));
  }
}
