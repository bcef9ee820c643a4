package dev.tollgate.bench.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The disk's own durable-write latency, measured beside a phase: every {@code periodMs} one 8 kB
 * page is rewritten at the start of a file and {@code fdatasync}ed, as PostgreSQL does with the
 * WAL page of each commit. A hold cannot be committed faster than the disk flushes that page, so
 * this is the floor under an authorise call's latency at the same moment on the same file system.
 * One write in {@code periodMs} adds little to the disk's load (the server commits ~1,000 times a
 * second at 2,000 authorisations a second).
 */
final class SyncProbe implements AutoCloseable {
  static final int PAGE_BYTES = 8192;

  private final Path file;
  private final long periodNanos;
  private final Histogram latencies = new Histogram(HotPathLoad.HIGHEST_NANOS, 3);
  private final Thread thread;
  private volatile boolean running = true;
  private volatile IOException failure;

  private SyncProbe(Path file, int periodMs) {
    this.file = file;
    this.periodNanos = TimeUnit.MILLISECONDS.toNanos(periodMs);
    this.thread = new Thread(this::run, "sync-probe");
    this.thread.setDaemon(true);
  }

  /** Starts probing in {@code dir} (on the file system of the database's data); null: no probe. */
  static SyncProbe start(String dir, int periodMs) {
    if (dir == null) {
      return null;
    }
    SyncProbe probe = new SyncProbe(Path.of(dir, "sync-probe.bin"), periodMs);
    probe.thread.start();
    return probe;
  }

  private void run() {
    ByteBuffer page = ByteBuffer.allocateDirect(PAGE_BYTES);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      long next = System.nanoTime();
      long sequence = 0;
      while (running) {
        page.clear();
        page.putLong(0, sequence++);
        long started = System.nanoTime();
        channel.write(page, 0);
        channel.force(false);
        latencies.recordValue(Math.min(System.nanoTime() - started, HotPathLoad.HIGHEST_NANOS));
        next += periodNanos;
        long wait = next - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        } else {
          next = System.nanoTime();
        }
      }
    } catch (IOException e) {
      failure = e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops and prints one line: the page writes' latency, write and {@code fdatasync} together. */
  void report(String label) throws InterruptedException {
    close();
    if (failure != null) {
      System.out.printf(Locale.ROOT, "%s-disk-sync failed: %s%n", label, failure);
      return;
    }
    System.out.printf(Locale.ROOT,
        "%s-disk-sync writes=%d p50=%.2fms p99=%.2fms p99.9=%.2fms max=%.2fms (one 8 kB page and fdatasync, %s)%n",
        label, latencies.getTotalCount(), latencies.getValueAtPercentile(50) / 1e6, latencies.getValueAtPercentile(99) / 1e6,
        latencies.getValueAtPercentile(99.9) / 1e6, latencies.getMaxValue() / 1e6, file.getParent());
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join();
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a temporary file in the benchmark's own directory, deleted with it
    }
  }
}
