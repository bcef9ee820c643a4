package dev.tollgate.server.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import java.util.List;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HeapSizingTest {
  private static final long MIB = 1024 * 1024;

  @ParameterizedTest(name = "Xms {0} MB, Xmx {1} MB, cap given {2}, G1 {3}, adaptive {4}: warns about {5}")
  @CsvSource(delimiter = '|', value = {
      // README's production advice: nothing to say
      "256  | 256  | true  | true  | false | ''",
      // java -jar with no options on a 23 GB machine: all three
      "368  | 5888 | false | true  | true  | no heap cap;adaptive marking threshold;-Xms equal to -Xmx",
      // a cap, the fixed threshold, the heap left to grow: the run-39 case
      "16   | 256  | true  | true  | false | -Xms equal to -Xmx",
      // a cap and the heap committed, the adaptive threshold left on
      "256  | 256  | true  | true  | true  | adaptive marking threshold",
      // another collector: G1's marking advice does not apply
      "16   | 256  | true  | false | true  | ''",
      "16   | 5888 | false | false | false | no heap cap",
  })
  void warnsAboutEachMissingOptionOfTheProductionAdvice(long initialMib, long maxMib, boolean capGiven, boolean g1,
      boolean adaptive, String expected) {
    List<String> warnings = new HeapSizing.Heap(initialMib * MIB, maxMib * MIB, capGiven, g1, adaptive).warnings();
    List<String> fragments = expected.isEmpty() ? List.of() : List.of(expected.split(";"));
    assertThat(warnings).hasSameSizeAs(fragments);
    for (int i = 0; i < fragments.size(); i++) {
      assertThat(warnings.get(i)).contains(fragments.get(i)).contains("README.md: production");
    }
  }

  @Test
  void theWarningsNameTheSizesInMegabytes() {
    assertThat(new HeapSizing.Heap(16 * MIB, 256 * MIB, true, true, false).warnings())
        .singleElement().asString().contains("starts at 16 MB of its 256 MB");
    assertThat(new HeapSizing.Heap(256 * MIB, 5888 * MIB, false, false, false).warnings())
        .singleElement().asString().contains("to 5888 MB");
  }

  @Test
  void readsThisJvmsHeapAndCollector() {
    HeapSizing.Heap heap = HeapSizing.ofThisJvm().orElseThrow();
    assertThat(heap.maxBytes()).isGreaterThanOrEqualTo(Runtime.getRuntime().maxMemory());
    assertThat(heap.initialBytes()).isPositive().isLessThanOrEqualTo(heap.maxBytes());
    boolean g1Collectors = ManagementFactory.getGarbageCollectorMXBeans().stream()
        .anyMatch(gc -> gc.getName().startsWith("G1"));
    assertThat(heap.g1()).isEqualTo(g1Collectors);
  }

  @Test
  void aJvmWithoutHotSpotsOptionsGetsNoAdviceAndStillStarts() {
    assertThat(HeapSizing.of(null, List.of("-Xmx256m"))).isEmpty();
    assertThat(HeapSizing.of(new OptionsMissing(), List.of("-Xmx256m"))).isEmpty();
  }

  @Test
  void theCapCountsWhenAnyOfItsOptionsIsGiven() {
    for (String cap : List.of("-Xmx256m", "-XX:MaxHeapSize=268435456", "-XX:MaxRAMPercentage=25")) {
      assertThat(HeapSizing.of(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class), List.of(cap)))
          .hasValueSatisfying(h -> assertThat(h.capGiven()).as(cap).isTrue());
    }
    assertThat(HeapSizing.of(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class), List.of("-Xms256m")))
        .hasValueSatisfying(h -> assertThat(h.capGiven()).isFalse());
  }

  /** A diagnostic bean that knows none of the options, as a VM built without them would answer. */
  private static final class OptionsMissing implements HotSpotDiagnosticMXBean {
    @Override
    public VMOption getVMOption(String name) {
      throw new IllegalArgumentException("VM option \"" + name + "\" does not exist");
    }

    @Override
    public List<VMOption> getDiagnosticOptions() {
      return List.of();
    }

    @Override
    public void setVMOption(String name, String value) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void dumpHeap(String outputFile, boolean live) {
      throw new UnsupportedOperationException();
    }

    @Override
    public ObjectName getObjectName() {
      return null;
    }
  }
}
