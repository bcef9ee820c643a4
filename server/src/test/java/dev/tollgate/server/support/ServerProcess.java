package dev.tollgate.server.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged jar run as a user runs it: `java -jar server/target/tollgate.jar`. */
public final class ServerProcess implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  private final Process process;
  private final Path output;
  public final int port;

  private ServerProcess(Process process, Path output, int port) {
    this.process = process;
    this.output = output;
    this.port = port;
  }

  public static ServerProcess start(Path jar, Path dataDir, Path output, Map<String, String> env) throws IOException {
    int port = freePort();
    ProcessBuilder builder = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-jar", jar.toString());
    builder.environment().keySet().removeIf(k -> k.startsWith("TOLLGATE_") || k.equals("SERVER_PORT"));
    builder.environment().put("SERVER_PORT", Integer.toString(port));
    builder.environment().put("TOLLGATE_DATA_DIR", dataDir.toString());
    builder.environment().putAll(env);
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
    return new ServerProcess(builder.start(), output, port);
  }

  public String base() {
    return "http://127.0.0.1:" + port;
  }

  /** Waits until /healthz answers UP; fails early if the process exits. */
  public ServerProcess awaitHealthy() throws Exception {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new AssertionError("the server exited with " + process.exitValue() + ":\n" + output());
      }
      try {
        Api.Response health = new Api(base(), null).get("/healthz");
        if (health.status() == 200 && health.body().contains("UP")) {
          return this;
        }
      } catch (RuntimeException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new AssertionError("the server did not become healthy in " + START_TIMEOUT + ":\n" + output());
  }

  /** Waits for the process to exit by itself and returns its exit code. */
  public int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("the server did not exit within " + timeout);
    }
    return process.exitValue();
  }

  /** SIGTERM, as an operator or a service manager stops it. */
  public int stop() throws InterruptedException {
    process.destroy();
    return awaitExit(Duration.ofSeconds(60));
  }

  /** SIGKILL: the JVM gets no chance to stop its PostgreSQL. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  public String output() throws IOException {
    return Files.readString(output, StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      stop();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
