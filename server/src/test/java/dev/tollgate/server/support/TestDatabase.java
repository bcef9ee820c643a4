package dev.tollgate.server.support;

import dev.tollgate.server.store.EmbeddedStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One embedded PostgreSQL per test JVM, shared by every Spring context of the run. Tests keep out
 * of each other's way by using fresh ids, not fresh databases. fsync is off: these tests check
 * logic, and the durability settings have tests of their own. Its data directory (about 700 MB
 * after a full run) is deleted when the JVM exits; it used to stay behind in the temp folder after
 * every run.
 */
public final class TestDatabase {
  private static EmbeddedStore store;

  private TestDatabase() {}

  public static synchronized String jdbcUrl() {
    if (store == null) {
      Path dir;
      try {
        dir = Files.createTempDirectory("tollgate-test-db");
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
        deleteTree(dir);
      }));
    }
    return store.jdbcUrl();
  }

  /** Best effort: a file that cannot be deleted leaves its directory, nothing else fails. */
  static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException ignored) {
      // the JVM is exiting; what is left stays in the temp folder
    }
  }

  public static synchronized String password() {
    jdbcUrl();
    return store.password();
  }
}
