package dev.tollgate.server.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdsTest {
  @Test
  void anIdIsThePrefixAndTwentyBase62Characters() {
    for (int i = 0; i < 1_000; i++) {
      assertThat(Ids.next("hld_")).matches("hld_[0-9A-Za-z]{20}");
    }
  }

  @Test
  void aHundredThousandIdsAreAllDifferent() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      assertThat(seen.add(Ids.next("usg_"))).isTrue();
    }
  }

  @Test
  void everyCharacterIsAboutEquallyLikelyAtEveryPosition() {
    // 62 characters × 20 positions; with 200,000 ids each cell expects 3,226 ± 57 (one sigma).
    int ids = 200_000;
    Map<Character, int[]> counts = new HashMap<>();
    for (int i = 0; i < ids; i++) {
      String id = Ids.next("");
      for (int p = 0; p < Ids.LENGTH; p++) {
        counts.computeIfAbsent(id.charAt(p), c -> new int[Ids.LENGTH])[p]++;
      }
    }
    assertThat(counts).hasSize(62);
    double expected = ids / 62.0;
    counts.forEach((c, perPosition) -> {
      for (int count : perPosition) {
        // Six sigma: a bias such as 'the first two characters twice as likely' lands far outside.
        assertThat(Math.abs(count - expected)).as("'%s'", c).isLessThan(6 * Math.sqrt(expected));
      }
    });
  }
}
