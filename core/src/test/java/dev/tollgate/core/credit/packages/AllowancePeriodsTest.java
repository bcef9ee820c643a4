package dev.tollgate.core.credit.packages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AllowancePeriodsTest {
  private static final ZoneId UTC = ZoneId.of("UTC");
  private static final Instant JAN_31 = Instant.parse("2026-01-31T10:00:00Z");
  private static final Instant YEAR_END = Validity.end(JAN_31, Period.ofYears(1), UTC);

  @ParameterizedTest(name = "period {1} of an edition from {0} in {2} starts {3}")
  @CsvSource({
    "2026-01-31T10:00:00Z, 0,  UTC,           2026-01-31T10:00:00Z",
    "2026-01-31T10:00:00Z, 1,  UTC,           2026-02-28T10:00:00Z",
    "2026-01-31T10:00:00Z, 2,  UTC,           2026-03-31T10:00:00Z",
    "2026-01-31T10:00:00Z, 3,  UTC,           2026-04-30T10:00:00Z",
    "2027-01-31T10:00:00Z, 13, UTC,           2028-02-29T10:00:00Z",
    "2026-01-31T23:30:00Z, 1,  Asia/Shanghai, 2026-02-28T23:30:00Z",
  })
  void startsEachPeriodFromTheAnchorClampingMonthEndsWithoutDrifting(Instant start, int index, String zone, Instant at) {
    assertThat(AllowancePeriods.start(start, index, ZoneId.of(zone))).isEqualTo(at);
  }

  @Test
  void aYearlyEditionHasTwelvePeriodsAndNoThirteenth() {
    List<AllowancePeriods.Allowance> all =
        AllowancePeriods.due(JAN_31, YEAR_END, 0, Instant.parse("2030-01-01T00:00:00Z"), UTC);
    assertThat(all).hasSize(12);
    assertThat(all.get(11).end()).isEqualTo(YEAR_END);
    assertThat(all.get(1).start()).isEqualTo(Instant.parse("2026-02-28T10:00:00Z"));
    assertThat(all.get(1).end()).isEqualTo(Instant.parse("2026-03-31T10:00:00Z"));
    for (int i = 1; i < all.size(); i++) {
      assertThat(all.get(i).start()).as("period %d follows the last without a gap", i).isEqualTo(all.get(i - 1).end());
    }
  }

  @Test
  void duePeriodsAreThoseStartedAtNowFromTheFirstNotIssued() {
    Instant feb28 = Instant.parse("2026-02-28T10:00:00Z");
    assertThat(AllowancePeriods.due(JAN_31, YEAR_END, 1, feb28.minusNanos(1), UTC)).isEmpty();
    assertThat(AllowancePeriods.due(JAN_31, YEAR_END, 1, feb28, UTC))
        .extracting(AllowancePeriods.Allowance::index).containsExactly(1);
    assertThat(AllowancePeriods.due(JAN_31, YEAR_END, 12, Instant.parse("2030-01-01T00:00:00Z"), UTC)).isEmpty();
  }

  @Test
  void aPeriodEndsAtTheEditionsEndWhenThatIsSooner() {
    Instant end = Instant.parse("2026-02-15T00:00:00Z");
    assertThat(AllowancePeriods.due(JAN_31, end, 0, end, UTC))
        .containsExactly(new AllowancePeriods.Allowance(0, JAN_31, end));
  }
}
