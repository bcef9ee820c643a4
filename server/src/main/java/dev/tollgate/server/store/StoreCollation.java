package dev.tollgate.server.store;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The database's default collation. Every key here is text: under a collation that PostgreSQL
 * does not compare with memcmp, each index comparison is a strcoll call (BENCHMARKS.md, "Runs
 * 30–33"). New embedded stores are created bytewise; an older data directory or an external
 * database may not be, so the server says so once at start-up.
 */
@Component
class StoreCollation {
  private static final Logger log = LoggerFactory.getLogger(StoreCollation.class);
  private final JdbcClient jdbc;

  StoreCollation(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  record Collation(String provider, String name) {
    boolean bytewise() {
      // builtin's C, C.UTF-8 and PG_UNICODE_FAST compare bytes; libc only in C and POSIX.
      return provider.equals("builtin") || (provider.equals("libc") && (name.equals("C") || name.equals("POSIX")));
    }

    /** "builtin C.UTF-8", "libc en_US.UTF-8", … */
    String label() {
      return provider + " " + name;
    }

    Optional<String> warning() {
      if (bytewise()) {
        return Optional.empty();
      }
      return Optional.of("the database's default collation is " + label() + ": PostgreSQL compares every text key"
          + " with strcoll; a database created with the builtin C.UTF-8 collation compares bytes and settles"
          + " faster (README.md: creating the database of an external PostgreSQL)");
    }
  }

  Collation read() {
    // datlocale exists from PostgreSQL 17 on; read through jsonb so older servers answer too.
    return jdbc.sql("""
            SELECT CASE d.datlocprovider WHEN 'b' THEN 'builtin' WHEN 'i' THEN 'icu' ELSE 'libc' END AS provider,
                   CASE WHEN d.datlocprovider = 'c' THEN d.datcollate
                        ELSE coalesce(to_jsonb(d) ->> 'datlocale', to_jsonb(d) ->> 'daticulocale') END AS name
              FROM pg_database d WHERE d.datname = current_database()""")
        .query((rs, n) -> new Collation(rs.getString("provider"), rs.getString("name"))).single();
  }

  @EventListener(ApplicationReadyEvent.class)
  void warnWhenNotBytewise() {
    read().warning().ifPresent(log::warn);
  }
}
