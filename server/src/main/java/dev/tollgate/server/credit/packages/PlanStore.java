package dev.tollgate.server.credit.packages;

import dev.tollgate.core.credit.packages.PlanInterval;
import dev.tollgate.server.store.SqlTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for plans: a plan's package row is {@link PackageStore}'s, its own fields are here. */
@Repository
class PlanStore {
  private final JdbcClient jdbc;
  private final PackageStore packages;

  PlanStore(JdbcClient jdbc, PackageStore packages) {
    this.jdbc = jdbc;
    this.packages = packages;
  }

  /** Creates or replaces the plan and its package; keeps the first {@code created_at}. */
  Plan upsert(Plan plan, Instant now) {
    CatalogPackage pkg = packages.upsert(plan.pkg(), now);
    jdbc.sql("""
            INSERT INTO plans (id, description, plan_interval, discount, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET description = EXCLUDED.description,
              plan_interval = EXCLUDED.plan_interval, discount = EXCLUDED.discount, updated_at = EXCLUDED.updated_at""")
        .params(pkg.id(), plan.description(), plan.interval().code(), plan.discount(), SqlTime.of(now), SqlTime.of(now))
        .update();
    return find(pkg.id()).orElseThrow();
  }

  Optional<Plan> find(String id) {
    return packages.find(id).flatMap(pkg -> jdbc.sql("SELECT * FROM plans WHERE id = ?")
        .params(id)
        .query((rs, row) -> new Plan(pkg, rs.getString("description"),
            PlanInterval.fromCode(rs.getString("plan_interval")).orElseThrow(), rs.getBigDecimal("discount").stripTrailingZeros(),
            SqlTime.read(rs, "created_at"), SqlTime.read(rs, "updated_at")))
        .optional());
  }

  /** Up to {@code limit} plan ids after {@code afterId}, by id. */
  List<String> ids(String afterId, int limit) {
    return jdbc.sql("SELECT id FROM plans WHERE id > ? ORDER BY id LIMIT ?")
        .params(afterId == null ? "" : afterId, limit)
        .query(String.class)
        .list();
  }
}
