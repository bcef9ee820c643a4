package dev.tollgate.server.reliability;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged jar under the crash drill: started on one data directory (embedded PostgreSQL,
 * fsync on), killed with SIGKILL, its PostgreSQL stopped with {@code pg_ctl stop -m immediate},
 * and started again on the same port so that clients only see refused connections meanwhile.
 * JDK only, so the drill runs from {@code server/target/test-classes} without a class path.
 */
final class DrillServer {
  static final Duration START_TIMEOUT = Duration.ofSeconds(180);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Path jar;
  private final Path dataDir;
  private final Path log;
  private final String adminToken;
  final int port;
  private Process process;

  DrillServer(Path jar, Path dataDir, Path log, String adminToken) throws IOException {
    this.jar = jar;
    this.dataDir = dataDir;
    this.log = log;
    this.adminToken = adminToken;
    try (ServerSocket socket = new ServerSocket(0)) {
      this.port = socket.getLocalPort();
    }
  }

  String base() {
    return "http://127.0.0.1:" + port;
  }

  /** Starts the jar and waits for /healthz; a PostgreSQL orphaned by a kill is stopped by the server itself. */
  synchronized void start() throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-jar", jar.toString());
    builder.environment().keySet().removeIf(k -> k.startsWith("TOLLGATE_") || k.equals("SERVER_PORT"));
    builder.environment().put("SERVER_PORT", Integer.toString(port));
    builder.environment().put("TOLLGATE_DATA_DIR", dataDir.toString());
    builder.environment().put("TOLLGATE_ADMIN_TOKEN", adminToken);
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    process = builder.start();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the server exited with " + process.exitValue() + "; see " + log);
      }
      if (healthy()) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the server did not become healthy within " + START_TIMEOUT + "; see " + log);
  }

  private boolean healthy() {
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/healthz"))
          .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 && r.body().contains("UP");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** SIGKILL: no shutdown hook runs, PostgreSQL is left running as an orphan. */
  synchronized void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /**
   * {@code pg_ctl stop -m immediate}: PostgreSQL quits without a checkpoint, as on a crash, and
   * replays its WAL on the next start. pg_ctl is the one beside the running postmaster's binary
   * (zonky extracts the binaries to a temporary directory; {@code postmaster.pid} names the pid).
   * pg_ctl refuses to run as root; then the drill sends the postmaster SIGQUIT itself, which is
   * all that pg_ctl's immediate mode does.
   */
  synchronized void stopPostgresImmediately() throws IOException, InterruptedException {
    Path pgData = dataDir.resolve("postgres");
    List<String> pidFile = Files.readAllLines(pgData.resolve("postmaster.pid"), StandardCharsets.UTF_8);
    long pid = Long.parseLong(pidFile.get(0).trim());
    Path postgres = Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "exe"));
    Path pgCtl = postgres.resolveSibling("pg_ctl");
    boolean root = "root".equals(System.getProperty("user.name"));
    Process stop = (root
        ? new ProcessBuilder("kill", "-QUIT", Long.toString(pid))
        : new ProcessBuilder(pgCtl.toString(), "stop", "-m", "immediate", "-D", pgData.toString()))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    if (!stop.waitFor(60, TimeUnit.SECONDS) || stop.exitValue() != 0) {
      throw new IllegalStateException("stopping PostgreSQL immediately failed; see " + log);
    }
    ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(60, TimeUnit.SECONDS).join());
  }

  /** SIGTERM: the server stops its PostgreSQL after its connection pool. */
  synchronized void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
