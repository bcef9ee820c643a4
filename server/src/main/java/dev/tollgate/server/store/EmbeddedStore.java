package dev.tollgate.server.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default store: a PostgreSQL server run from binaries shipped in the jar, with its files in
 * {@code <dataDir>/postgres}, kept across restarts.
 */
public final class EmbeddedStore implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedStore.class);
  /** How long an orphaned PostgreSQL from a crashed Tollgate gets to shut down before we give up. */
  static final Duration ORPHAN_STOP_TIMEOUT = Duration.ofSeconds(30);
  /** PostgreSQL's defaults are 1 GB and 5 min. */
  static final String MAX_WAL_SIZE = "4GB";
  static final String CHECKPOINT_TIMEOUT = "15min";

  private final DataDirectoryLock lock;
  private final EmbeddedPostgres postgres;
  private final String password;

  private EmbeddedStore(DataDirectoryLock lock, EmbeddedPostgres postgres, String password) {
    this.lock = lock;
    this.postgres = postgres;
    this.password = password;
  }

  /**
   * Locks the data directory, stops a PostgreSQL left running by a Tollgate that died without
   * shutting it down, and starts ours.
   *
   * @param durable false only for test suites: turns fsync and synchronous commit off
   * @param sharedBuffersMb PostgreSQL's page cache
   */
  public static EmbeddedStore start(Path dataDir, boolean durable, int sharedBuffersMb) throws IOException {
    DataDirectoryLock lock = DataDirectoryLock.acquire(dataDir);
    try {
      Path pgData = dataDir.resolve("postgres");
      stopOrphan(pgData);
      Path passwordFile = dataDir.resolve(EmbeddedPassword.FILE);
      String password = EmbeddedPassword.readOrCreate(passwordFile);
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(pgData)
              .setCleanDataDirectory(false)
              // initdb options (zonky's "locale config" is passed to initdb as --key=value, after its
              // own -A trust): a new data directory requires the password from the start.
              .setLocaleConfig("auth-host", "scram-sha-256")
              .setLocaleConfig("auth-local", "scram-sha-256")
              .setLocaleConfig("pwfile", passwordFile.toAbsolutePath().toString())
              // Code-point order for text, whatever the machine's locale: every key is text, and
              // B-trees, sorts and ANALYZE compare with memcmp instead of the C library's strcoll
              // (BENCHMARKS.md, "Runs 30–33"); "C" for the rest, so initdb never depends on a locale
              // the machine may lack (LANG=en_US.UTF-8 without it installed failed before).
              // A data directory keeps the locale it was created with.
              .setLocaleConfig("locale", "C")
              .setLocaleConfig("locale-provider", "builtin")
              .setLocaleConfig("builtin-locale", "C.UTF-8")
              .setConnectConfig("password", password)
              // zonky passes -F (fsync off) and synchronous_commit=off; an acknowledged settle
              // must survive a power cut, so both go back on. Later -c options win over -F.
              .setServerConfig("fsync", durable ? "on" : "off")
              .setServerConfig("synchronous_commit", durable ? "on" : "off")
              .setServerConfig("full_page_writes", durable ? "on" : "off")
              .setServerConfig("listen_addresses", "127.0.0.1")
              .setServerConfig("max_connections", "200")
              .setServerConfig("shared_buffers", sharedBuffersMb + "MB")
              // Fewer checkpoints: the first change to a page after each one writes the whole page
              // to the WAL, and settles touch index pages all over (keys spread across accounts).
              // Crash recovery then replays at most this much WAL (BENCHMARKS.md, run 9).
              .setServerConfig("max_wal_size", MAX_WAL_SIZE)
              .setServerConfig("checkpoint_timeout", CHECKPOINT_TIMEOUT)
              .setPGStartupWait(Duration.ofSeconds(60))
              // Spring stops it after the connection pool closes; zonky's own hook would race that.
              .setRegisterShutdownHook(false)
              .start();
      log.info("embedded PostgreSQL started on 127.0.0.1:{} with data in {} and {} MB of shared buffers",
          postgres.getPort(), pgData.toAbsolutePath(), sharedBuffersMb);
      EmbeddedStore store = new EmbeddedStore(lock, postgres, password);
      try {
        EmbeddedPassword.require(pgData, store.jdbcUrl(), store.user(), password);
      } catch (IOException | RuntimeException e) {
        postgres.close();
        throw e;
      }
      return store;
    } catch (IOException | RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
  }

  public String user() {
    return "postgres";
  }

  /** Required for every connection (see {@link EmbeddedPassword}). */
  public String password() {
    return password;
  }

  @Override
  public void close() throws IOException {
    try {
      postgres.close();
    } finally {
      lock.close();
    }
  }

  /**
   * A Tollgate killed with {@code kill -9} leaves its PostgreSQL running (it is started detached
   * through pg_ctl). We hold the data directory lock, so that server is nobody's: ask it to stop
   * (SIGINT, PostgreSQL's fast shutdown: its clients are gone) and wait until it exits.
   */
  static void stopOrphan(Path pgData) throws IOException {
    Optional<ProcessHandle> orphan = postmasterOf(pgData);
    if (orphan.isEmpty()) {
      return;
    }
    ProcessHandle process = orphan.get();
    log.warn("stopping PostgreSQL pid {} left running on {} by a previous Tollgate", process.pid(), pgData);
    try {
      new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start().waitFor();
      process.onExit().get(ORPHAN_STOP_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while stopping an orphaned PostgreSQL", e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IOException(
          "PostgreSQL pid " + process.pid() + " on " + pgData + " did not stop within " + ORPHAN_STOP_TIMEOUT, e);
    }
  }

  /** The live postmaster named by {@code postmaster.pid}, if that process still runs postgres. */
  static Optional<ProcessHandle> postmasterOf(Path pgData) throws IOException {
    Path pidFile = pgData.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
    if (lines.isEmpty()) {
      return Optional.empty();
    }
    long pid;
    try {
      pid = Long.parseLong(lines.get(0).trim());
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
  }
}
