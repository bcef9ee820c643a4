package dev.tollgate.server.store;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Lets an operator check that the store is the one they meant, and that it is durable. */
@RestController
@Tag(name = "System")
class StoreController {
  private final JdbcClient jdbc;
  private final StoreConfiguration.EmbeddedStoreHolder embedded;

  StoreController(JdbcClient jdbc, StoreConfiguration.EmbeddedStoreHolder embedded) {
    this.jdbc = jdbc;
    this.embedded = embedded;
  }

  /**
   * {@code collation} is the database's default ("builtin C.UTF-8", "libc en_US.UTF-8", …);
   * {@code bytewiseCollation} says whether PostgreSQL compares text with memcmp: every key here is
   * text, and any other collation (libc's C.UTF-8 too) makes each index comparison a strcoll call.
   */
  record StoreView(String mode, String postgresVersion, boolean fsync, String synchronousCommit, boolean durable,
      String collation, boolean bytewiseCollation) {}

  record Collation(String provider, String name) {
    boolean bytewiseCollation() {
      // builtin's C, C.UTF-8 and PG_UNICODE_FAST compare bytes; libc only in C and POSIX.
      return provider.equals("builtin") || (provider.equals("libc") && (name.equals("C") || name.equals("POSIX")));
    }
  }

  @GetMapping("/v1/system/store")
  @Operation(summary = "Which PostgreSQL this node uses (embedded or external) and whether commits are durable")
  StoreView store() {
    String version = jdbc.sql("SHOW server_version").query(String.class).single();
    boolean fsync = "on".equals(jdbc.sql("SHOW fsync").query(String.class).single());
    String synchronousCommit = jdbc.sql("SHOW synchronous_commit").query(String.class).single();
    boolean durable = fsync && !"off".equals(synchronousCommit);
    Collation collation = collation();
    return new StoreView(embedded.store() == null ? "external" : "embedded", version, fsync, synchronousCommit, durable,
        collation.provider() + " " + collation.name(), collation.bytewiseCollation());
  }

  private Collation collation() {
    // datlocale exists from PostgreSQL 17 on; read through jsonb so older servers answer too.
    return jdbc.sql("""
            SELECT CASE d.datlocprovider WHEN 'b' THEN 'builtin' WHEN 'i' THEN 'icu' ELSE 'libc' END AS provider,
                   CASE WHEN d.datlocprovider = 'c' THEN d.datcollate
                        ELSE coalesce(to_jsonb(d) ->> 'datlocale', to_jsonb(d) ->> 'daticulocale') END AS name
              FROM pg_database d WHERE d.datname = current_database()""")
        .query((rs, n) -> new Collation(rs.getString("provider"), rs.getString("name"))).single();
  }
}
