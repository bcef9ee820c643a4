package dev.tollgate.server.health;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The JVM options behind the hot path's memory and pause figures (README.md, production advice;
 * BENCHMARKS.md, runs 17–18, 27–28 and 39–40). {@code java -jar} cannot carry them, so the server
 * says once at start-up which of them its JVM lacks, the way a database warns about its settings.
 */
@Component
class HeapSizing {
  private static final Logger log = LoggerFactory.getLogger(HeapSizing.class);
  private static final long MIB = 1024 * 1024;

  /**
   * @param capGiven whether the command line sets the heap's maximum (-Xmx, MaxHeapSize or a
   *     MaxRAM option); without it the JVM takes a quarter of the machine's memory
   */
  record Heap(long initialBytes, long maxBytes, boolean capGiven, boolean g1, boolean adaptiveMarkingThreshold) {
    List<String> warnings() {
      List<String> warnings = new ArrayList<>();
      if (!capGiven) {
        warnings.add("no heap cap on the command line: the JVM may grow the heap to " + maxBytes / MIB
            + " MB and the resident size with it; the benchmark's load runs in -Xmx256m (README.md: production)");
      }
      if (g1 && adaptiveMarkingThreshold) {
        warnings.add("G1's adaptive marking threshold is on: after bursts of large batch requests it started a"
            + " marking cycle every few seconds, each with a 15-30 ms pause; run with -XX:-G1UseAdaptiveIHOP"
            + " -XX:InitiatingHeapOccupancyPercent=45 (README.md: production)");
      }
      if (g1 && initialBytes < maxBytes) {
        warnings.add("the heap starts at " + initialBytes / MIB + " MB of its " + maxBytes / MIB + " MB: G1 starts"
            + " marking at a share of the heap it has committed, and on a heap it keeps small a marking cycle with"
            + " a 10-24 ms pause ran every few seconds; set -Xms equal to -Xmx (README.md: production)");
      }
      return warnings;
    }
  }

  /** This JVM's heap and options; empty on a JVM that is not HotSpot or lacks one of the options. */
  static Optional<Heap> ofThisJvm() {
    return of(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class),
        ManagementFactory.getRuntimeMXBean().getInputArguments());
  }

  static Optional<Heap> of(HotSpotDiagnosticMXBean vm, List<String> arguments) {
    if (vm == null) {
      return Optional.empty();
    }
    boolean capGiven = arguments.stream()
        .anyMatch(a -> a.startsWith("-Xmx") || a.startsWith("-XX:MaxHeapSize=") || a.startsWith("-XX:MaxRAM"));
    try {
      return Optional.of(new Heap(Long.parseLong(vm.getVMOption("InitialHeapSize").getValue()),
          Long.parseLong(vm.getVMOption("MaxHeapSize").getValue()), capGiven,
          Boolean.parseBoolean(vm.getVMOption("UseG1GC").getValue()),
          Boolean.parseBoolean(vm.getVMOption("G1UseAdaptiveIHOP").getValue())));
    } catch (IllegalArgumentException e) {
      // A VM built without one of these options: nothing to advise, and no reason to refuse to start.
      return Optional.empty();
    }
  }

  @EventListener(ApplicationReadyEvent.class)
  void warnAboutMissingOptions() {
    ofThisJvm().ifPresent(heap -> heap.warnings().forEach(log::warn));
  }
}
