package dev.tollgate.bench.load;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The hot-path load generator: drives a running Tollgate over HTTP from its own JVM and prints one
 * line per figure. See BENCHMARKS.md ("Hot path") and bench/run-hot-path.sh.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.tollgate.bench.load.HotPathLoad SCENARIO key=value...
 *   common:        port=8080 token=ADMIN_TOKEN pg=PGPORT (embedded PostgreSQL's port, for xact_commit and COPY)
 *                  pid=SERVER_PID pgpid=POSTMASTER_PID (CPU split per run; RSS of the server during authorise)
 *   setup          accounts=10000 threads=16
 *   settle-single  clients=64 events=300000 accounts=10000 seconds=120
 *   settle-batch   clients=4 batches=200 size=1000 accounts=10000 hot=true copy=true seconds=300
 *   authorize      rate=2000 inflight=200 seconds=20 accounts=10000 refusals=0.2
 *                  syncDir=DIR syncPeriodMs=10 (the disk's own write+fdatasync latency meanwhile, a file in DIR)
 *                  slowMs=20 (per 100 ms of the schedule: calls slower than that, and the worst)
 *                  (always: how late a load-client thread's 1 ms naps wake, WakeProbe)
 *                  pacing=worker|queue (each worker keeps its own share of the schedule, or one pacer
 *                  thread hands calls to free workers); echo=true (the same schedule against
 *                  LoopbackEcho in this JVM instead of the server: the floor of an answer over loopback)
 * </pre>
 *
 * Every loop is bounded by a count and a deadline, talks only to 127.0.0.1, and ends by itself.
 */
public final class HotPathLoad {
  static final String METER = "bench-tokens";
  static final String UNPRICED_METER = "bench-unpriced";
  static final String ACCOUNT_PREFIX = "bench-acct-";
  static final String BROKE_ACCOUNT = "bench-broke";
  /** Settles record at most a minute; anything slower is recorded as a minute. */
  static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(60);

  private final Map<String, String> args;
  private final int port;
  private final String token;
  private final String run = Long.toString(System.currentTimeMillis(), 36);
  /** Server JVM + PostgreSQL CPU seconds per event of the last batch run, or per row of the last COPY. */
  private double cpuPerItem;

  private HotPathLoad(Map<String, String> args) {
    this.args = args;
    this.port = Integer.parseInt(arg("port", "8080"));
    this.token = arg("token", System.getenv().getOrDefault("TOLLGATE_ADMIN_TOKEN", ""));
  }

  public static void main(String[] argv) throws Exception {
    if (argv.length == 0) {
      System.err.println("usage: HotPathLoad setup|settle-single|settle-batch|authorize key=value...");
      System.exit(2);
    }
    Map<String, String> args = new HashMap<>();
    for (int i = 1; i < argv.length; i++) {
      int eq = argv[i].indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("expected key=value, got " + argv[i]);
      }
      args.put(argv[i].substring(0, eq), argv[i].substring(eq + 1));
    }
    HotPathLoad load = new HotPathLoad(args);
    switch (argv[0]) {
      case "setup" -> load.setup();
      case "settle-single" -> load.settleSingle();
      case "settle-batch" -> load.settleBatch();
      case "authorize" -> load.authorize();
      default -> throw new IllegalArgumentException("unknown scenario " + argv[0]);
    }
  }

  private String arg(String key, String def) {
    return args.getOrDefault(key, def);
  }

  private int intArg(String key, int def) {
    return Integer.parseInt(arg(key, Integer.toString(def)));
  }

  // ---------------------------------------------------------------- setup

  /** A meter with a token price, {@code accounts} accounts with wallet credit, and one account without credit. */
  private void setup() throws Exception {
    int accounts = intArg("accounts", 10_000);
    int threads = intArg("threads", 16);
    String credit = arg("credit", "1000000");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(intArg("seconds", 600));
    long started = System.nanoTime();
    try (Http http = new Http(port, token)) {
      expect(http.send("PUT", "/v1/prices/" + METER,
          utf8("{\"mode\":\"token\",\"currency\":\"USD\",\"inputPer1M\":\"2.50\",\"outputPer1M\":\"10.00\"}")), http, 200);
      expect(http.post("/v1/accounts", utf8("{\"id\":\"" + BROKE_ACCOUNT + "\",\"name\":\"no credit\"}")), http, 201, 409);
    }
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      workers.add(daemon(() -> {
        try (Http http = new Http(port, token)) {
          int i;
          while ((i = next.getAndIncrement()) < accounts && System.nanoTime() < deadline) {
            String id = ACCOUNT_PREFIX + i;
            int s = http.post("/v1/accounts", utf8("{\"id\":\"" + id + "\",\"name\":\"" + id + "\"}"));
            if (s != 201 && s != 409) {
              failures.incrementAndGet();
              System.err.println("account " + id + ": " + s + " " + http.bodyText());
              continue;
            }
            // The idempotency key makes a rerun of setup on the same data dir credit nothing twice.
            s = http.post("/v1/accounts/" + id + "/wallet/credits", utf8("{\"amount\":\"" + credit
                + "\",\"reason\":\"bench\",\"idempotencyKey\":\"bench-credit-" + id + "\"}"));
            if (s != 201 && s != 200) {
              failures.incrementAndGet();
              System.err.println("credit " + id + ": " + s + " " + http.bodyText());
            }
          }
        } catch (IOException e) {
          failures.incrementAndGet();
          System.err.println("setup: " + e);
        }
      }));
    }
    joinAll(workers);
    double secs = (System.nanoTime() - started) / 1e9;
    System.out.printf(Locale.ROOT, "setup accounts=%d credited=%s meter=%s failures=%d time=%.1fs (%.0f accounts/s)%n",
        accounts, credit, METER, failures.get(), secs, accounts / secs);
    if (failures.get() > 0) {
      System.exit(1);
    }
  }

  // ---------------------------------------------------------------- settle, one event per request

  private void settleSingle() throws Exception {
    int clients = intArg("clients", 64);
    int events = intArg("events", 300_000);
    int accounts = intArg("accounts", 10_000);
    String label = arg("label", "settle-single");
    // Bodies are built before the clock starts, so the client spends its CPU on sockets only.
    byte[][] bodies = new byte[events][];
    for (int i = 0; i < events; i++) {
      bodies[i] = utf8(settleEvent(label + "-" + run + "-" + i, ACCOUNT_PREFIX + (i % accounts), i));
    }
    Commits commits = Commits.open(arg("pg", null));
    commits.rebase();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(intArg("seconds", 120));
    ServerLatency server = ServerLatency.start(port, token, "settle");
    CpuMeter cpu = CpuMeter.start(arg("pid", null), arg("pgpid", null));
    AtomicInteger next = new AtomicInteger();
    AtomicLong errors = new AtomicLong();
    Histogram[] histograms = new Histogram[clients];
    List<Thread> workers = new ArrayList<>();
    long started = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      Histogram h = histograms[c] = new Histogram(HIGHEST_NANOS, 3);
      workers.add(daemon(() -> {
        try (Http http = new Http(port, token)) {
          int i;
          while ((i = next.getAndIncrement()) < events && System.nanoTime() < deadline) {
            long t0 = System.nanoTime();
            int s = http.post("/v1/settle", bodies[i]);
            h.recordValue(Math.min(System.nanoTime() - t0, HIGHEST_NANOS));
            if (s != 200) {
              if (errors.incrementAndGet() <= 3) {
                System.err.println("settle " + s + " " + http.bodyText());
              }
            }
          }
        } catch (IOException e) {
          errors.incrementAndGet();
          System.err.println(label + ": " + e);
        }
      }));
    }
    joinAll(workers);
    double secs = (System.nanoTime() - started) / 1e9;
    cpu.report(label);
    Histogram all = merge(histograms);
    long done = all.getTotalCount();
    System.out.printf(Locale.ROOT, "%s clients=%d accounts=%d events=%d errors=%d rate=%.0f/s p50=%s p99=%s max=%s%n",
        label, clients, accounts, done, errors.get(), done / secs, ms(all, 50), ms(all, 99), ms(all.getMaxValue()));
    if (server != null) {
      server.report(label);
    }
    commits.report(label, done - errors.get());
    commits.close();
  }

  // ---------------------------------------------------------------- settle, 1,000 events per request

  private void settleBatch() throws Exception {
    int clients = intArg("clients", 4);
    int batches = intArg("batches", 200);
    int size = intArg("size", 1000);
    int accounts = intArg("accounts", 10_000);
    int seconds = intArg("seconds", 300);
    boolean hot = Boolean.parseBoolean(arg("hot", "true"));
    boolean copy = Boolean.parseBoolean(arg("copy", "true"));
    String pg = arg("pg", null);
    Commits commits = Commits.open(pg);

    String label = arg("label", "settle-batch");
    double spread = batchRun(label, clients, batches, size, accounts, seconds, commits);
    double spreadCpu = cpuPerItem;
    if (copy && pg != null) {
      String prefix = label + "-" + run + "-";
      double copyRate = copyReference(pg, prefix, (long) batches * size, false);
      System.out.printf(Locale.ROOT, "%s/copy=%.2f (goal >= 0.25)%n", label, spread / copyRate);
      if (cpuPerItem > 0 && spreadCpu > 0) {
        // Less sensitive to other load on a shared machine than the wall-clock ratio: CPU per row.
        System.out.printf(Locale.ROOT,
            "%s/copy cpu-normalised=%.2f (copy %.0f us/row of PostgreSQL CPU; settle %.0f us/event of server+PostgreSQL CPU)%n",
            label, cpuPerItem / spreadCpu, cpuPerItem * 1e6, spreadCpu * 1e6);
      }
      double copyAll = copyReference(pg, prefix, (long) batches * size, true);
      System.out.printf(Locale.ROOT, "%s/copy-all-indexes=%.2f%n", label, spread / copyAll);
    }
    if (hot) {
      double one = batchRun(label + "-hot", clients, batches, size, 1, seconds, commits);
      System.out.printf(Locale.ROOT, "%s-hot/%s=%.2f (goal >= 0.8)%n", label, label, one / spread);
    }
    commits.close();
  }

  /** Returns settled events per second. */
  private double batchRun(String label, int clients, int batches, int size, int accounts, int seconds, Commits commits)
      throws Exception {
    long deadline;
    byte[][] bodies = new byte[batches][];
    for (int b = 0; b < batches; b++) {
      StringBuilder sb = new StringBuilder(size * 200).append("{\"events\":[");
      for (int e = 0; e < size; e++) {
        int i = b * size + e;
        if (e > 0) {
          sb.append(',');
        }
        // Spread: consecutive events land on different accounts, as a gateway's mixed traffic would.
        sb.append(settleEvent(label + "-" + run + "-" + i, ACCOUNT_PREFIX + (i % accounts), i));
      }
      bodies[b] = utf8(sb.append("]}").toString());
    }
    commits.rebase();
    byte[] problem = utf8("\"/problems/");
    AtomicInteger next = new AtomicInteger();
    AtomicLong failed = new AtomicLong();
    Histogram[] histograms = new Histogram[clients];
    List<Thread> workers = new ArrayList<>();
    CpuMeter cpu = CpuMeter.start(arg("pid", null), arg("pgpid", null));
    long started = System.nanoTime();
    deadline = started + TimeUnit.SECONDS.toNanos(seconds);
    for (int c = 0; c < clients; c++) {
      Histogram h = histograms[c] = new Histogram(HIGHEST_NANOS, 3);
      long end = deadline;
      workers.add(daemon(() -> {
        try (Http http = new Http(port, token)) {
          int b;
          while ((b = next.getAndIncrement()) < batches && System.nanoTime() < end) {
            long t0 = System.nanoTime();
            int s = http.post("/v1/usage:batch", bodies[b]);
            h.recordValue(Math.min(System.nanoTime() - t0, HIGHEST_NANOS));
            if (s != 200) {
              failed.addAndGet(size);
              System.err.println(label + " " + s + " " + http.bodyText().substring(0, Math.min(300, http.bodyText().length())));
            } else {
              int bad = http.countInBody(problem);
              if (bad > 0) {
                failed.addAndGet(bad);
              }
            }
          }
        } catch (IOException e) {
          System.err.println(label + ": " + e);
        }
      }));
    }
    joinAll(workers);
    double secs = (System.nanoTime() - started) / 1e9;
    cpu.report(label);
    Histogram all = merge(histograms);
    long events = all.getTotalCount() * size - failed.get();
    cpuPerItem = cpu.lastServerAndPostgres / Math.max(1, events);
    double rate = events / secs;
    System.out.printf(Locale.ROOT,
        "%s clients=%d size=%d accounts=%d requests=%d events=%d failed=%d rate=%.0f events/s request-p50=%s p99=%s max=%s%n",
        label, clients, size, accounts, all.getTotalCount(), events, failed.get(), rate, ms(all, 50), ms(all, 99),
        ms(all.getMaxValue()));
    commits.report(label, events);
    return rate;
  }

  /**
   * The reference: the rows this run just settled, read back from usage_records and COPYed in one
   * statement (one commit) into a scratch table of the same columns with a unique request id.
   * With {@code allIndexes} the scratch table also gets usage_records' three secondary indexes.
   */
  private double copyReference(String pg, String requestPrefix, long rows, boolean allIndexes) throws Exception {
    String table = allIndexes ? "bench_copy_all_indexes" : "bench_copy";
    try (Connection c = Commits.connect(pg)) {
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      ByteArrayOutputStream data = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 16, rows * 1400));
      long read = copy.copyOut("COPY (SELECT * FROM usage_records WHERE request_id LIKE '" + requestPrefix
          + "%' LIMIT " + rows + ") TO STDOUT", data);
      try (Statement s = c.createStatement()) {
        s.execute("DROP TABLE IF EXISTS " + table);
        if (allIndexes) {
          s.execute("CREATE TABLE " + table + " (LIKE usage_records INCLUDING ALL)");
        } else {
          // The floor: the same rows in a table whose only index is the unique request id.
          s.execute("CREATE TABLE " + table + " (LIKE usage_records INCLUDING DEFAULTS INCLUDING CONSTRAINTS,"
              + " PRIMARY KEY (root_id, request_id))");
        }
        s.execute("CHECKPOINT");
      }
      byte[] bytes = data.toByteArray();
      CpuMeter cpu = CpuMeter.start(arg("pid", null), arg("pgpid", null));
      long t0 = System.nanoTime();
      long copied = copy.copyIn("COPY " + table + " FROM STDIN", new ByteArrayInputStream(bytes));
      double secs = (System.nanoTime() - t0) / 1e9;
      cpu.report(allIndexes ? "copy-all-indexes" : "copy");
      cpuPerItem = cpu.lastServerAndPostgres / Math.max(1, copied);
      double rate = copied / secs;
      System.out.printf(Locale.ROOT, "%s rows=%d bytes=%d time=%.2fs rate=%.0f rows/s (%s)%n",
          allIndexes ? "copy-all-indexes" : "copy", copied, bytes.length, secs, rate,
          allIndexes ? "LIKE usage_records INCLUDING ALL" : "same columns, PK (root_id,request_id) only");
      if (read != copied) {
        System.err.println("copy: read " + read + " rows, copied " + copied);
      }
      try (Statement s = c.createStatement()) {
        s.execute("DROP TABLE " + table);
      }
      return rate;
    }
  }

  // ---------------------------------------------------------------- authorise at a fixed arrival rate

  private void authorize() throws Exception {
    int rate = intArg("rate", 2000);
    int inflight = intArg("inflight", 200);
    int seconds = intArg("seconds", 20);
    int accounts = intArg("accounts", 10_000);
    double refusalShare = Double.parseDouble(arg("refusals", "0.2"));
    // echo=true: the same schedule against LoopbackEcho instead of the server (the floor).
    boolean echo = Boolean.parseBoolean(arg("echo", "false"));
    String pid = echo ? null : arg("pid", null);
    int total = rate * seconds;
    String label = arg("label", "authorize");
    LoopbackEcho echoServer = echo ? LoopbackEcho.start() : null;
    int target = echo ? echoServer.port() : port;
    // kind: 0 hold, 1 no credit (402), 2 unpriced meter (422)
    byte[][] bodies = new byte[total][];
    byte[] kinds = new byte[total];
    int refuseEvery = refusalShare <= 0 ? Integer.MAX_VALUE : (int) Math.round(1 / refusalShare);
    for (int i = 0; i < total; i++) {
      String rid = label + "-" + run + "-" + i;
      if (i % refuseEvery == refuseEvery - 1) {
        boolean broke = (i / refuseEvery) % 2 == 0;
        kinds[i] = (byte) (broke ? 1 : 2);
        bodies[i] = utf8("{\"requestId\":\"" + rid + "\",\"accountId\":\"" + (broke ? BROKE_ACCOUNT : ACCOUNT_PREFIX + (i % accounts))
            + "\",\"meter\":\"" + (broke ? METER : UNPRICED_METER) + "\",\"estimate\":{\"inputTokens\":1000,\"outputTokens\":1000}}");
      } else {
        bodies[i] = utf8("{\"requestId\":\"" + rid + "\",\"accountId\":\"" + ACCOUNT_PREFIX + (i % accounts)
            + "\",\"meter\":\"" + METER + "\",\"estimate\":{\"inputTokens\":1000,\"outputTokens\":1000}}");
      }
    }
    RssSampler rss = pid == null ? null : new RssSampler(Long.parseLong(pid));
    // Latency counts from each call's intended start, so time spent waiting for a connection (its
    // worker, or with pacing=queue any of the `inflight`, still busy) is part of it (no coordinated
    // omission).
    BlockingQueue<long[]> queue = new ArrayBlockingQueue<>(total + inflight);
    Histogram[] holds = new Histogram[inflight];
    Histogram[] refusals = new Histogram[inflight];
    // Where a call's time goes on this side: the pacer's own lateness (enqueued after the intended
    // time), the wait for a free worker, and the exchange on the socket (send to last byte read).
    Histogram pacerLate = new Histogram(HIGHEST_NANOS, 3);
    Histogram[] queued = new Histogram[inflight];
    Histogram[] exchanges = new Histogram[inflight];
    AtomicLong unexpected = new AtomicLong();
    AtomicLong late = new AtomicLong();
    // slowMs > 0: per 100 ms of the schedule, how many calls took longer (where a tail comes from).
    int slowMs = intArg("slowMs", 0);
    long period = TimeUnit.SECONDS.toNanos(1) / rate;
    int deadlineSeconds = seconds * 3 + 30;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(deadlineSeconds);
    AtomicIntegerArray slowPerTenth = new AtomicIntegerArray(deadlineSeconds * 10);
    AtomicLongArray worstPerTenth = new AtomicLongArray(deadlineSeconds * 10);
    // pacing=worker: worker w sends calls w, w + inflight, w + 2 inflight, … each at its own
    // intended time, so a call is one thread's wake-up instead of the pacer's and then a worker's
    // (a call still counts from its intended time when its worker is late). pacing=queue: one
    // pacer thread hands each call to whichever worker is free.
    boolean ownSchedule = "worker".equals(arg("pacing", "worker"));
    long scheduleStart = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
    List<Thread> workers = new ArrayList<>();
    for (int w = 0; w < inflight; w++) {
      int firstCall = w;
      Histogram hh = holds[w] = new Histogram(HIGHEST_NANOS, 3);
      Histogram hr = refusals[w] = new Histogram(HIGHEST_NANOS, 3);
      Histogram hq = queued[w] = new Histogram(HIGHEST_NANOS, 3);
      Histogram hx = exchanges[w] = new Histogram(HIGHEST_NANOS, 3);
      workers.add(daemon(() -> {
        try (Http http = new Http(target, token)) {
          for (int call = firstCall; System.nanoTime() < deadline; call += inflight) {
            long[] job;
            if (ownSchedule) {
              if (call >= total) {
                break;
              }
              long intended = scheduleStart + call * period;
              if (intended - System.nanoTime() < 0) {
                late.incrementAndGet();
              }
              long wait;
              while ((wait = intended - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
              }
              job = new long[] {intended, call, intended};
            } else {
              job = queue.poll(100, TimeUnit.MILLISECONDS);
              if (job == null) {
                continue;
              }
              if (job[0] < 0) {
                break;
              }
            }
            int i = (int) job[1];
            long sent = System.nanoTime();
            hq.recordValue(Math.min(Math.max(sent - job[2], 0), HIGHEST_NANOS));
            int s = http.post("/v1/authorize", bodies[i]);
            long answered = System.nanoTime();
            hx.recordValue(Math.min(answered - sent, HIGHEST_NANOS));
            long latency = Math.min(answered - job[0], HIGHEST_NANOS);
            int expected = echo ? 402 : kinds[i] == 0 ? 200 : kinds[i] == 1 ? 402 : 422;
            if (s != expected && unexpected.incrementAndGet() <= 3) {
              System.err.println("authorize expected " + expected + ", got " + s + " " + http.bodyText());
            }
            (kinds[i] == 0 ? hh : hr).recordValue(latency);
            if (slowMs > 0 && latency > TimeUnit.MILLISECONDS.toNanos(slowMs)) {
              int tenth = (int) Math.min((long) i * period / 100_000_000L, slowPerTenth.length() - 1);
              slowPerTenth.incrementAndGet(tenth);
              worstPerTenth.accumulateAndGet(tenth, latency, Math::max);
            }
          }
        } catch (IOException e) {
          unexpected.incrementAndGet();
          System.err.println(label + ": " + e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
    }
    if (rss != null) {
      rss.start();
    }
    ServerLatency server = echo ? null : ServerLatency.start(port, token, "authorize");
    CpuMeter cpu = CpuMeter.start(pid, echo ? null : arg("pgpid", null));
    SyncProbe disk = SyncProbe.start(arg("syncDir", null), intArg("syncPeriodMs", 10));
    WakeProbe wake = WakeProbe.start();
    long wallStartMillis = System.currentTimeMillis();
    long started = ownSchedule ? scheduleStart : System.nanoTime();
    for (int i = 0; !ownSchedule && i < total && System.nanoTime() < deadline; i++) {
      long intended = started + i * period;
      long wait;
      while ((wait = intended - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      if (queue.size() >= inflight) {
        late.incrementAndGet();
      }
      long enqueued = System.nanoTime();
      pacerLate.recordValue(Math.min(enqueued - intended, HIGHEST_NANOS));
      queue.add(new long[] {intended, i, enqueued});
    }
    for (int w = 0; !ownSchedule && w < inflight; w++) {
      queue.add(new long[] {-1, -1, 0});
    }
    joinAll(workers);
    if (echoServer != null) {
      echoServer.close();
    }
    if (disk != null) {
      disk.close();
    }
    double secs = (System.nanoTime() - started) / 1e9;
    cpu.report(label);
    if (rss != null) {
      rss.stop();
    }
    Histogram h = merge(holds);
    Histogram r = merge(refusals);
    double achieved = (h.getTotalCount() + r.getTotalCount()) / secs;
    if (h.getTotalCount() > 0) {
      System.out.printf(Locale.ROOT,
          "%s-holds target=%d/s inflight<=%d achieved=%.0f/s requests=%d p50=%s p99=%s max=%s (goal p99 <= 5ms)%n",
          label, rate, inflight, achieved, h.getTotalCount(), ms(h, 50), ms(h, 99), ms(h.getMaxValue()));
    } else {
      System.out.printf(Locale.ROOT, "%s target=%d/s inflight<=%d achieved=%.0f/s (refusals only)%n",
          label, rate, inflight, achieved);
    }
    System.out.printf(Locale.ROOT, "%s-refusals requests=%d p50=%s p99=%s max=%s %s%n",
        label, r.getTotalCount(), ms(r, 50), ms(r, 99), ms(r.getMaxValue()),
        echo ? "(a fixed 402 from LoopbackEcho in the load client: no server)" : "(goal p99 <= 1ms)");
    Histogram q = merge(queued);
    Histogram x = merge(exchanges);
    if (ownSchedule) {
      System.out.printf(Locale.ROOT, "%s client-side pacing=worker sent-late p99=%s max=%s, exchange p50=%s p99=%s max=%s%n",
          label, ms(q, 99), ms(q.getMaxValue()), ms(x, 50), ms(x, 99), ms(x.getMaxValue()));
    } else {
      System.out.printf(Locale.ROOT,
          "%s client-side pacing=queue pacer-late p99=%s max=%s, waiting-for-a-worker p99=%s max=%s, exchange p50=%s p99=%s max=%s%n",
          label, ms(pacerLate, 99), ms(pacerLate.getMaxValue()), ms(q, 99), ms(q.getMaxValue()), ms(x, 50), ms(x, 99),
          ms(x.getMaxValue()));
    }
    System.out.printf(Locale.ROOT, "%s unexpected-statuses=%d %s=%d%n", label, unexpected.get(),
        ownSchedule ? "calls-whose-worker-was-still-busy" : "arrivals-queued-behind-" + inflight + "-in-flight", late.get());
    if (disk != null) {
      disk.report(label);
    }
    wake.report(label);
    if (server != null) {
      server.report(label);
    }
    for (int t = 0; t < slowPerTenth.length(); t++) {
      if (slowPerTenth.get(t) > 0) {
        System.out.printf(Locale.ROOT, "%s slow at %s: %d calls over %d ms, worst %s%n", label,
            java.time.Instant.ofEpochMilli(wallStartMillis + t * 100L), slowPerTenth.get(t), slowMs, ms(worstPerTenth.get(t)));
      }
    }
    if (rss != null) {
      System.out.printf(Locale.ROOT, "server-rss max=%dMB last=%dMB samples=%d (goal <= 512MB)%n",
          rss.maxKb / 1024, rss.lastKb / 1024, rss.samples);
    }
  }

  // ---------------------------------------------------------------- helpers

  private static String settleEvent(String requestId, String accountId, int i) {
    // Varied but small token counts, like chat calls.
    return "{\"requestId\":\"" + requestId + "\",\"accountId\":\"" + accountId + "\",\"meter\":\"" + METER
        + "\",\"status\":\"success\",\"usage\":{\"inputTokens\":" + (1000 + i % 997) + ",\"outputTokens\":"
        + (200 + i % 101) + "}}";
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void expect(int status, Http http, int... ok) {
    for (int s : ok) {
      if (s == status) {
        return;
      }
    }
    throw new IllegalStateException("unexpected " + status + ": " + http.bodyText());
  }

  private static Histogram merge(Histogram[] parts) {
    Histogram all = new Histogram(HIGHEST_NANOS, 3);
    for (Histogram h : parts) {
      all.add(h);
    }
    return all;
  }

  private static String ms(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? "n/a" : ms(h.getValueAtPercentile(percentile));
  }

  private static String ms(long nanos) {
    return String.format(Locale.ROOT, "%.2fms", nanos / 1e6);
  }

  private static void joinAll(List<Thread> threads) throws InterruptedException {
    for (Thread t : threads) {
      t.join();
    }
  }

  /** A started daemon thread (Java 17 has no Thread.ofPlatform()). */
  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r);
    t.setDaemon(true);
    t.start();
    return t;
  }

  /**
   * PostgreSQL's committed transactions (pg_stat_database.xact_commit of the server's database),
   * to report settled events per commit. Backends publish their counters at most once a second and,
   * when idle, within about ten seconds, so every reading first waits for them to settle.
   */
  static final class Commits implements AutoCloseable {
    private static final long SETTLE_MILLIS = 11_000;
    private final Connection c;
    private long base;

    private Commits(Connection c) {
      this.c = c;
    }

    static Commits open(String pg) throws SQLException {
      return new Commits(pg == null ? null : connect(pg));
    }

    static Connection connect(String pg) throws SQLException {
      // The embedded store's password (TOLLGATE_DATA_DIR/postgres-password), as psql takes it.
      String password = System.getenv().getOrDefault("PGPASSWORD", "");
      return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pg + "/postgres", "postgres", password);
    }

    /** Takes a new base reading (after waiting for earlier work to be published). */
    void rebase() throws Exception {
      if (c != null) {
        base = read();
      }
    }

    void report(String label, long events) throws Exception {
      if (c == null) {
        return;
      }
      long commits = read() - base;
      System.out.printf(Locale.ROOT, "%s events-per-commit=%.1f events=%d xact_commit-delta=%d (goal >= 50)%n",
          label, commits == 0 ? 0.0 : (double) events / commits, events, commits);
      base += commits;
    }

    private long read() throws Exception {
      Thread.sleep(SETTLE_MILLIS);
      try (Statement s = c.createStatement()) {
        s.execute("SELECT pg_stat_clear_snapshot()");
        try (ResultSet rs = s.executeQuery("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")) {
          rs.next();
          return rs.getLong(1);
        }
      }
    }

    @Override
    public void close() throws SQLException {
      if (c != null) {
        c.close();
      }
    }
  }

  /** Samples VmRSS of the server's JVM every 200 ms while the authorise load runs. */
  static final class RssSampler {
    private final Path status;
    private final Thread thread;
    private volatile boolean running = true;
    volatile long maxKb;
    volatile long lastKb;
    volatile int samples;

    RssSampler(long pid) {
      this.status = Path.of("/proc/" + pid + "/status");
      this.thread = new Thread(() -> {
        while (running) {
          try {
            for (String line : Files.readAllLines(status)) {
              if (line.startsWith("VmRSS:")) {
                long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                lastKb = kb;
                maxKb = Math.max(maxKb, kb);
                samples++;
              }
            }
            Thread.sleep(200);
          } catch (IOException | InterruptedException e) {
            return;
          }
        }
      });
      thread.setDaemon(true);
    }

    void start() {
      thread.start();
    }

    void stop() throws InterruptedException {
      running = false;
      thread.join();
    }
  }
}
