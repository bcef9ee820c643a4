package dev.tollgate.bench.load;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the machine's CPU went during one run, from /proc: this load client, the server's JVM,
 * the server's PostgreSQL (postmaster and its children), and idle. Linux only; prints nothing
 * elsewhere. PostgreSQL's children that exit during the run (autovacuum workers: the pool keeps
 * its connections) count through the postmaster's reaped-children time; the autovacuum share of
 * the PostgreSQL figure, live workers and exited children, is shown beside it.
 */
final class CpuMeter {
  private static final double TICK = 100.0; // USER_HZ
  private final long serverPid;
  private final long postmasterPid;
  private double client;
  private double server;
  private double compiler;
  private double http;
  private double writers;
  private double gc;
  private double postgres;
  private double autovacuum;
  private double idle;
  private double total;
  private long wall;

  private CpuMeter(long serverPid, long postmasterPid) {
    this.serverPid = serverPid;
    this.postmasterPid = postmasterPid;
  }

  /**
   * @param serverPid the server's JVM, or null
   * @param postmasterPid the server's PostgreSQL (postmaster.pid's first line); only it and its
   *     children count as "postgres" (other PostgreSQL servers on the machine count as "other")
   */
  static CpuMeter start(String serverPid, String postmasterPid) {
    CpuMeter m = new CpuMeter(serverPid == null ? -1 : Long.parseLong(serverPid),
        postmasterPid == null ? -1 : Long.parseLong(postmasterPid));
    m.sample();
    return m;
  }

  /** CPU seconds of the server's JVM plus its PostgreSQL in the last reported interval. */
  double lastServerAndPostgres;

  /** Prints the CPU seconds spent since start (or the last report) and restarts the count. */
  void report(String label) {
    double c0 = client;
    double s0 = server;
    double j0 = compiler;
    double h0 = http;
    double w0s = writers;
    double g0 = gc;
    double p0 = postgres;
    double a0 = autovacuum;
    double i0 = idle;
    double t0 = total;
    long w0 = wall;
    if (!sample()) {
      return;
    }
    double wallSecs = (wall - w0) / 1e9;
    lastServerAndPostgres = (server - s0) + (postgres - p0);
    System.out.printf(Locale.ROOT,
        "%s cpu-seconds wall=%.1f client=%.1f server-jvm=%.1f (jit %.1f, http %.1f, writers %.1f, gc %.1f)"
            + " postgres=%.1f (autovacuum %.1f) idle=%.1f other=%.1f (of %.1f core-seconds)%n",
        label, wallSecs, client - c0, server - s0, compiler - j0, http - h0, writers - w0s, gc - g0, postgres - p0,
        autovacuum - a0, idle - i0,
        (total - t0) - (client - c0) - (server - s0) - (postgres - p0) - (idle - i0), total - t0);
  }

  private boolean sample() {
    try {
      wall = System.nanoTime();
      client = seconds(Path.of("/proc/self/stat"));
      server = serverPid > 0 ? seconds(Path.of("/proc/" + serverPid + "/stat")) : 0;
      if (serverPid > 0) {
        threadSeconds(Path.of("/proc/" + serverPid + "/task"));
      }
      double pg = 0;
      double vacuum = 0;
      try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
        for (Path p : procs) {
          try {
            String stat = Files.readString(p.resolve("stat"));
            if (ours(p, stat)) {
              pg += secondsOf(stat);
              if (Long.parseLong(p.getFileName().toString()) == postmasterPid) {
                // Children the postmaster has reaped: on the hot path, autovacuum workers.
                double reaped = reapedSecondsOf(stat);
                pg += reaped;
                vacuum += reaped;
              } else if (Files.readString(p.resolve("cmdline")).startsWith("postgres: autovacuum worker")) {
                vacuum += secondsOf(stat);
              }
            }
          } catch (IOException gone) {
            // the process ended between the listing and the read
          }
        }
      }
      postgres = pg;
      autovacuum = vacuum;
      String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      double sum = 0;
      for (int i = 1; i < Math.min(cpu.length, 9); i++) {
        sum += Long.parseLong(cpu[i]);
      }
      total = sum / TICK;
      idle = (Long.parseLong(cpu[4]) + Long.parseLong(cpu[5])) / TICK;
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * The server's CPU by the threads that spent it, as the JVM names them: the JIT compilers ("C1
   * CompilerThread0", "C2 CompilerThread1", …: a warmed-up server compiles little, so a large share
   * says the warm-up was too short for the figure to describe steady state), Tomcat's ("http-nio-…":
   * requests, from the socket to the answer), the group-commit writers ("settle-writer-0",
   * "authorize-writer-0": the batches; the kernel keeps 15 characters of a name, "authorize-write")
   * and the garbage collector's ("GC Thread#0", "G1 …").
   */
  private void threadSeconds(Path tasks) throws IOException {
    double jit = 0;
    double requests = 0;
    double batches = 0;
    double collector = 0;
    try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
      for (Path t : threads) {
        try {
          String stat = Files.readString(t.resolve("stat"));
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          double seconds = secondsOf(stat);
          if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
            jit += seconds;
          } else if (name.startsWith("http-")) {
            requests += seconds;
          } else if (name.startsWith("settle-write") || name.startsWith("authorize-write")) {
            batches += seconds;
          } else if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
            collector += seconds;
          }
        } catch (IOException gone) {
          // the thread ended between the listing and the read
        }
      }
    }
    compiler = jit;
    http = requests;
    writers = batches;
    gc = collector;
  }

  private boolean ours(Path proc, String stat) {
    if (postmasterPid < 0) {
      return stat.contains("(postgres)");
    }
    long pid = Long.parseLong(proc.getFileName().toString());
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return pid == postmasterPid || Long.parseLong(f[1]) == postmasterPid;
  }

  private static double seconds(Path stat) throws IOException {
    return secondsOf(Files.readString(stat));
  }

  /** cutime + cstime of a /proc/PID/stat line (fields 16 and 17): the CPU of its reaped children. */
  private static double reapedSecondsOf(String stat) {
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(f[13]) + Long.parseLong(f[14])) / TICK;
  }

  /** utime + stime of a /proc/PID/stat line (fields 14 and 15, counted after the command's closing paren). */
  private static double secondsOf(String stat) {
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICK;
  }
}
