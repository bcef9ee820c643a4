package dev.tollgate.server.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Clients that settle one call at a time and write each acknowledged request id to a log,
 * appended and fsynced before the next request: the log is what the gateway was promised. A
 * request that got no 200 (refused connection, timeout, 5xx while the server or its database is
 * down) is sent again with the same request id until it is acknowledged, as a gateway retries.
 */
final class SettleDriver implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final long RETRY_PAUSE_MS = 100;

  private final String base;
  private final String token;
  private final String meter;
  private final List<String> accounts;
  private final FileChannel ackLog;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final List<Thread> threads = new ArrayList<>();
  final AtomicLong acknowledged = new AtomicLong();
  final AtomicLong retries = new AtomicLong();
  /** 4xx answers: a settle of a valid event must never be refused, so these are failures. */
  final AtomicLong refused = new AtomicLong();

  SettleDriver(String base, String token, String meter, List<String> accounts, Path ackLog) throws IOException {
    this.base = base;
    this.token = token;
    this.meter = meter;
    this.accounts = accounts;
    this.ackLog = FileChannel.open(ackLog, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  }

  /** The account a request id is charged to: derived from the id, so a retry goes to the same one. */
  String accountOf(String requestId) {
    return accounts.get(Math.floorMod(requestId.hashCode(), accounts.size()));
  }

  void start(int clients) {
    for (int c = 0; c < clients; c++) {
      int client = c;
      Thread t = new Thread(() -> drive(client), "settle-client-" + c);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
  }

  /** Stops taking new request ids; every client still retries its current one until acknowledged. */
  void finish() throws InterruptedException {
    stopping.set(true);
    for (Thread t : threads) {
      t.join();
    }
  }

  private void drive(int client) {
    for (long n = 0; !stopping.get(); n++) {
      String requestId = "c" + client + "-" + n;
      String body = "{\"requestId\":\"" + requestId + "\",\"accountId\":\"" + accountOf(requestId)
          + "\",\"meter\":\"" + meter + "\",\"status\":\"success\"}";
      while (true) {
        int status = send(body);
        if (status == 200) {
          acknowledge(requestId);
          break;
        }
        if (status >= 400 && status < 500) {
          refused.incrementAndGet();
          break;
        }
        retries.incrementAndGet();
        pause();
      }
    }
  }

  private int send(String body) {
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/settle")).timeout(REQUEST_TIMEOUT)
          .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build();
      return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private void acknowledge(String requestId) {
    ByteBuffer line = ByteBuffer.wrap((requestId + "\n").getBytes(StandardCharsets.UTF_8));
    synchronized (ackLog) {
      try {
        while (line.hasRemaining()) {
          ackLog.write(line);
        }
        ackLog.force(false);
      } catch (IOException e) {
        throw new IllegalStateException("cannot write the acknowledgement log", e);
      }
    }
    acknowledged.incrementAndGet();
  }

  private static void pause() {
    try {
      Thread.sleep(RETRY_PAUSE_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws IOException {
    ackLog.close();
  }
}
