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
  private final StoreCollation collations;

  StoreController(JdbcClient jdbc, StoreConfiguration.EmbeddedStoreHolder embedded, StoreCollation collations) {
    this.jdbc = jdbc;
    this.embedded = embedded;
    this.collations = collations;
  }

  /**
   * {@code collation} is the database's default ("builtin C.UTF-8", "libc en_US.UTF-8", …);
   * {@code bytewiseCollation} says whether PostgreSQL compares text with memcmp: every key here is
   * text, and any other collation (libc's C.UTF-8 too) makes each index comparison a strcoll call.
   */
  record StoreView(String mode, String postgresVersion, boolean fsync, String synchronousCommit, boolean durable,
      String collation, boolean bytewiseCollation) {}

  @GetMapping("/v1/system/store")
  @Operation(summary = "Which PostgreSQL this node uses (embedded or external) and whether commits are durable")
  StoreView store() {
    String version = jdbc.sql("SHOW server_version").query(String.class).single();
    boolean fsync = "on".equals(jdbc.sql("SHOW fsync").query(String.class).single());
    String synchronousCommit = jdbc.sql("SHOW synchronous_commit").query(String.class).single();
    boolean durable = fsync && !"off".equals(synchronousCommit);
    StoreCollation.Collation collation = collations.read();
    return new StoreView(embedded.store() == null ? "external" : "embedded", version, fsync, synchronousCommit, durable,
        collation.label(), collation.bytewise());
  }
}
