package dev.tollgate.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.server.config.TollgateProperties.Embedded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmbeddedSettingsTest {
  @Test
  void acceptsSharedBuffersAtBothLimits() {
    assertThat(new Embedded(true, Embedded.SHARED_BUFFERS_MB_MIN).sharedBuffersMb()).isEqualTo(16);
    assertThat(new Embedded(true, Embedded.SHARED_BUFFERS_MB_MAX).sharedBuffersMb()).isEqualTo(65_536);
  }

  @Test
  void refusesSharedBuffersOnePastEitherLimitNamingTheVariable() {
    assertThatThrownBy(() -> new Embedded(true, Embedded.SHARED_BUFFERS_MB_MIN - 1))
        .hasMessage("TOLLGATE_DB_SHARED_BUFFERS_MB must be between 16 and 65536, was 15");
    assertThatThrownBy(() -> new Embedded(true, Embedded.SHARED_BUFFERS_MB_MAX + 1))
        .hasMessageContaining("was 65537");
  }

  @ParameterizedTest(name = "{0} MiB of memory → {1} MiB of shared buffers")
  @CsvSource({
      "512, 128",     // small machines keep PostgreSQL's own default
      "1024, 128",
      "2048, 256",    // an eighth of the memory
      "4096, 512",
      "23552, 1024",  // capped: the page cache of the operating system does the rest
      "262144, 1024",
  })
  void defaultsToAnEighthOfTheMemoryBetween128MiBAnd1GiB(long memoryMb, int sharedBuffersMb) {
    assertThat(Embedded.defaultSharedBuffersMb(memoryMb << 20)).isEqualTo(sharedBuffersMb);
  }

  @Test
  void unsetSharedBuffersTakeTheDefaultForThisMachine() {
    int chosen = new Embedded(true, null).sharedBuffersMb();
    assertThat(chosen).isBetween(128, 1024);
  }
}
