package dev.tollgate.server.support;

import dev.tollgate.server.store.EmbeddedStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One embedded PostgreSQL per test JVM, shared by every Spring context of the run. Tests keep out
 * of each other's way by using fresh ids, not fresh databases. fsync is off: these tests check
 * logic, and the durability settings have tests of their own.
 */
public final class TestDatabase {
  private static EmbeddedStore store;

  private TestDatabase() {}

  public static synchronized String jdbcUrl() {
    if (store == null) {
      try {
        Path dir = Files.createTempDirectory("tollgate-test-db");
        store = EmbeddedStore.start(dir, false, 128);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          store.close();
        } catch (IOException ignored) {
          // the JVM is exiting; PostgreSQL is stopped by its own hook as a fallback
        }
      }));
    }
    return store.jdbcUrl();
  }

  public static synchronized String password() {
    jdbcUrl();
    return store.password();
  }
}
