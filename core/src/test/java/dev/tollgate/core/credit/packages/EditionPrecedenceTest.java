package dev.tollgate.core.credit.packages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.credit.Denomination;
import dev.tollgate.core.credit.Grant;
import dev.tollgate.core.credit.GrantClass;
import dev.tollgate.core.credit.MeterScope;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EditionPrecedenceTest {
  private static final Instant NOV_1 = Instant.parse("2026-11-01T00:00:00Z");
  private static final Instant NOV_10 = Instant.parse("2026-11-10T00:00:00Z");
  private static final Instant NOV_20 = Instant.parse("2026-11-20T00:00:00Z");
  private static final Instant DEC_1 = Instant.parse("2026-12-01T00:00:00Z");

  private static Grant edition(String id, Instant from, Instant to, long remaining) {
    return new Grant(id, GrantClass.EDITION, Denomination.MONEY, MeterScope.allMeters(), from, to, 50, from, 100,
        remaining, false, false);
  }

  @Test
  void aFreeAllowanceDoesNotPayWhileAProfessionalOneIsValid() {
    Grant free = edition("free", NOV_1, DEC_1, 100);
    Grant pro = edition("pro", NOV_10, DEC_1, 100);
    List<Grant> seen = EditionPrecedence.apply(List.of(free, pro), Map.of("free", 0, "pro", 1), NOV_1);
    assertThat(seen).hasSize(2);
    assertThat(seen.get(0).expiresAt()).isEqualTo(NOV_10);
    assertThat(seen.get(1)).isEqualTo(pro);
  }

  @Test
  void leavesOutALowerAllowanceTheHigherOneCoversFromThenOn() {
    Grant free = edition("free", NOV_1, DEC_1, 100);
    Grant pro = edition("pro", NOV_10, DEC_1, 0);
    // From Nov 10 on, the free allowance can never pay: the exhausted professional one still rules.
    assertThat(EditionPrecedence.apply(List.of(free, pro), Map.of("free", 0, "pro", 1), NOV_10)).containsExactly(pro);
  }

  @Test
  void keepsThePieceAroundTheBatchWhenAHigherEditionSitsInsideALowerOne() {
    Grant free = edition("free", NOV_1, DEC_1, 100);
    Grant pro = edition("pro", NOV_10, NOV_20, 100);
    Map<String, Integer> ranks = Map.of("free", 0, "pro", 1);
    assertThat(EditionPrecedence.apply(List.of(free, pro), ranks, NOV_1).get(0).expiresAt()).isEqualTo(NOV_10);
    Grant later = EditionPrecedence.apply(List.of(free, pro), ranks, NOV_20).get(0);
    assertThat(later.effectiveAt()).isEqualTo(NOV_20);
    assertThat(later.expiresAt()).isEqualTo(DEC_1);
  }

  @Test
  void leavesUnrankedAndEqualRankGrantsAlone() {
    Grant operator = edition("op", NOV_1, DEC_1, 100);
    Grant a = edition("a", NOV_1, DEC_1, 100);
    Grant b = edition("b", NOV_10, DEC_1, 100);
    List<Grant> all = List.of(operator, a, b);
    assertThat(EditionPrecedence.apply(all, Map.of("a", 1, "b", 1), NOV_1)).isEqualTo(all);
  }
}
