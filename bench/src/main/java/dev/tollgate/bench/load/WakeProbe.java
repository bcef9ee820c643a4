package dev.tollgate.bench.load;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The machine's own scheduling delay, measured beside a phase: a thread of the load client parks
 * for 1 ms at a time and records how much later than asked it woke. When the whole VM pauses (the
 * hypervisor runs someone else) or its cores are full, every thread on it wakes late, the server's
 * and PostgreSQL's included; a call cannot be answered sooner than its threads get a core. Costs
 * a thousand wake-ups a second.
 */
final class WakeProbe implements AutoCloseable {
  private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final Histogram lateness = new Histogram(HotPathLoad.HIGHEST_NANOS, 3);
  private final Thread thread;
  private volatile boolean running = true;
  private long over20ms;

  private WakeProbe() {
    this.thread = new Thread(this::run, "wake-probe");
    this.thread.setDaemon(true);
  }

  static WakeProbe start() {
    WakeProbe probe = new WakeProbe();
    probe.thread.start();
    return probe;
  }

  private void run() {
    while (running) {
      long asked = System.nanoTime() + PERIOD_NANOS;
      LockSupport.parkNanos(PERIOD_NANOS);
      long late = Math.max(System.nanoTime() - asked, 0);
      lateness.recordValue(Math.min(late, HotPathLoad.HIGHEST_NANOS));
      if (late > TimeUnit.MILLISECONDS.toNanos(20)) {
        over20ms++;
      }
    }
  }

  /** Stops and prints one line: how late the 1 ms naps woke. */
  void report(String label) throws InterruptedException {
    close();
    System.out.printf(Locale.ROOT,
        "%s-wake-late naps=%d p50=%.2fms p99=%.2fms p99.9=%.2fms max=%.2fms over-20ms=%d (1 ms naps of a load-client thread)%n",
        label, lateness.getTotalCount(), lateness.getValueAtPercentile(50) / 1e6, lateness.getValueAtPercentile(99) / 1e6,
        lateness.getValueAtPercentile(99.9) / 1e6, lateness.getMaxValue() / 1e6, over20ms);
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join();
  }
}
