package dev.tollgate.server.reliability;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The crash drill (RELIABILITY.md): settle from clients that keep an acknowledgement log while the
 * server is killed with SIGKILL and its PostgreSQL stopped with {@code pg_ctl stop -m immediate},
 * restart, retry what was not acknowledged, then audit. Run by {@code reliability/crash-test.sh}
 * (long form) and {@code CrashDrillJarIT} (short form). JDK only.
 */
public final class CrashDrill {
  static final String METER = "crash-drill-call";
  static final BigDecimal PRICE_PER_CALL = new BigDecimal("0.001");
  static final BigDecimal CREDIT_EACH = new BigDecimal("1000000.00");
  private static final String ADMIN_TOKEN = "crash-drill-admin-token-0123456789";

  /** What to do: how many disruptions of each kind, spaced by a random pause in [minGapMs, maxGapMs). */
  record Plan(Path jar, Path work, int serverKills, int postgresStops, int clients, int accounts, long minGapMs,
      long maxGapMs, long seed) {}

  record Result(long events, int serverKills, int postgresStops, long retries, long refused, DrillAudit.Figures figures) {
    boolean clean() {
      return refused == 0 && figures.clean() && figures.acknowledged() > 0;
    }

    List<String> lines() {
      return List.of(
          "events settled:          " + events,
          "server kills (kill -9):  " + serverKills,
          "pg immediate stops:      " + postgresStops,
          "retries:                 " + retries,
          "refused (4xx):           " + refused,
          "acknowledged:            " + figures.acknowledged(),
          "recorded:                " + figures.recorded(),
          "lost:                    " + figures.lost(),
          "double-charged:          " + figures.doubleCharged(),
          "recorded, not acked:     " + figures.recordedNotAcknowledged(),
          "expected charges:        " + figures.expectedCharges().toPlainString(),
          "charged:                 " + figures.charged().toPlainString(),
          "reconciliation:          " + (figures.reconciled() ? "balanced" : "NOT BALANCED"),
          "verdict:                 " + (clean() ? "PASS" : "FAIL"));
    }
  }

  private CrashDrill() {}

  static Result run(Plan plan) throws IOException, InterruptedException {
    Files.createDirectories(plan.work());
    Path ackLog = plan.work().resolve("acks.log");
    Files.deleteIfExists(ackLog);
    DrillServer server = new DrillServer(plan.jar(), plan.work().resolve("data"), plan.work().resolve("server.log"), ADMIN_TOKEN);
    Random random = new Random(plan.seed());
    Instant started = Instant.now();
    server.start();
    try {
      List<String> accounts = setUp(server.base(), plan.accounts());
      int kills = 0;
      int stops = 0;
      long retries;
      long refused;
      try (SettleDriver driver = new SettleDriver(server.base(), ADMIN_TOKEN, METER, accounts, ackLog)) {
        driver.start(plan.clients());
        // Disruptions in a shuffled order, so PostgreSQL stops fall between server kills.
        List<Boolean> disruptions = new ArrayList<>();
        for (int i = 0; i < plan.serverKills(); i++) {
          disruptions.add(true);
        }
        for (int i = 0; i < plan.postgresStops(); i++) {
          disruptions.add(false);
        }
        java.util.Collections.shuffle(disruptions, random);
        for (boolean killServer : disruptions) {
          Thread.sleep(plan.minGapMs() + random.nextLong(Math.max(1, plan.maxGapMs() - plan.minGapMs())));
          if (killServer) {
            server.kill();
            kills++;
          } else {
            server.stopPostgresImmediately();
            stops++;
            // The server answers 5xx while its database is gone; then it dies as a crashed host would.
            Thread.sleep(500 + random.nextInt(1000));
            server.kill();
          }
          log("disruption " + (kills + stops) + "/" + disruptions.size() + " (" + (killServer ? "kill -9" : "pg_ctl stop -m immediate")
              + "), " + driver.acknowledged.get() + " acknowledged so far");
          server.start();
        }
        Thread.sleep(plan.minGapMs());
        driver.finish();
        retries = driver.retries.get();
        refused = driver.refused.get();
        DrillAudit.Figures figures = new DrillAudit(server.base(), ADMIN_TOKEN)
            .run(ackLog, driver, accounts, CREDIT_EACH, PRICE_PER_CALL, started);
        return new Result(driver.acknowledged.get(), kills, stops, retries, refused, figures);
      }
    } finally {
      server.stop();
    }
  }

  /** A price and funded accounts; every call is idempotent, and nothing is disrupted yet. */
  private static List<String> setUp(String base, int accounts) throws IOException, InterruptedException {
    admin(base, "PUT", "/v1/prices/" + METER, "{\"mode\":\"call\",\"currency\":\"USD\",\"perCall\":\"" + PRICE_PER_CALL
        + "\",\"effectiveAt\":\"2020-01-01T00:00:00Z\"}");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < accounts; i++) {
      String id = "drill-" + i;
      admin(base, "POST", "/v1/accounts", "{\"id\":\"" + id + "\",\"name\":\"" + id + "\"}");
      admin(base, "POST", "/v1/accounts/" + id + "/wallet/credits",
          "{\"amount\":\"" + CREDIT_EACH + "\",\"reason\":\"drill\",\"idempotencyKey\":\"seed-" + id + "\"}");
      ids.add(id);
    }
    return ids;
  }

  private static void admin(String base, String method, String path, String json) throws IOException, InterruptedException {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(json)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      throw new IllegalStateException(method + " " + path + " → " + r.statusCode() + " " + r.body());
    }
  }

  private static void log(String line) {
    System.out.println("[crash-drill " + Instant.now() + "] " + line);
  }

  /** {@code CrashDrill <jar> <workDir> <serverKills> <postgresStops> [clients] [accounts] [minGapMs] [maxGapMs] [seed]}. */
  public static void main(String[] args) throws Exception {
    if (args.length < 4) {
      System.err.println("usage: CrashDrill <jar> <workDir> <serverKills> <postgresStops> [clients] [accounts] [minGapMs] [maxGapMs] [seed]");
      System.exit(2);
    }
    Plan plan = new Plan(Path.of(args[0]), Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
        args.length > 4 ? Integer.parseInt(args[4]) : 16, args.length > 5 ? Integer.parseInt(args[5]) : 50,
        args.length > 6 ? Long.parseLong(args[6]) : 3_000, args.length > 7 ? Long.parseLong(args[7]) : 15_000,
        args.length > 8 ? Long.parseLong(args[8]) : System.nanoTime());
    log("plan " + plan);
    Result result = run(plan);
    result.lines().forEach(System.out::println);
    System.exit(result.clean() ? 0 : 1);
  }
}
