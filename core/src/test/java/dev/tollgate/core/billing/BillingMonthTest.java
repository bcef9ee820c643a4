package dev.tollgate.core.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;

class BillingMonthTest {

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # text      | valid
          2026-10     | true
          2000-01     | true
          9999-12     | true
          1999-12     | false
          2026-13     | false
          2026-00     | false
          2026-1      | false
          '2026-10 '  | false
          2026/10     | false
          26-10       | false
          ''          | false
          """)
  void parsesYearDashMonthOnly(String text, boolean valid) {
    BillingMonth.Parsed parsed = BillingMonth.parse(text);
    if (valid) {
      assertThat(parsed).isInstanceOf(BillingMonth.Valid.class);
      assertThat(((BillingMonth.Valid) parsed).month().code()).isEqualTo(text);
    } else {
      assertThat(parsed).isEqualTo(new BillingMonth.Invalid(BillRejection.MONTH_INVALID));
    }
  }

  @ParameterizedTest
  @NullSource
  void refusesAMissingMonth(String text) {
    assertThat(BillingMonth.parse(text)).isEqualTo(new BillingMonth.Invalid(BillRejection.MONTH_INVALID));
  }

  @ParameterizedTest(name = "{0} in {1}: [{2}, {3})")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # month | zone                | start                 | end
          2026-10 | UTC                 | 2026-10-01T00:00:00Z  | 2026-11-01T00:00:00Z
          2026-10 | Asia/Shanghai       | 2026-09-30T16:00:00Z  | 2026-10-31T16:00:00Z
          2026-10 | America/New_York    | 2026-10-01T04:00:00Z  | 2026-11-01T04:00:00Z
          2026-02 | UTC                 | 2026-02-01T00:00:00Z  | 2026-03-01T00:00:00Z
          2026-03 | Europe/Berlin       | 2026-02-28T23:00:00Z  | 2026-03-31T22:00:00Z
          """)
  void coversTheMonthInTheAccountsTimeZone(String month, String zone, Instant start, Instant end) {
    BillingPeriod period = ((BillingMonth.Valid) BillingMonth.parse(month)).month().period(ZoneId.of(zone));
    assertThat(period).isEqualTo(new BillingPeriod(start, end));
  }

  @Test
  void usageAtEightInTheEveningUtcOnOctoberThirtyFirstIsNovemberInShanghai() {
    Instant at = Instant.parse("2026-10-31T20:00:00Z");
    assertThat(BillingMonth.containing(at, ZoneId.of("Asia/Shanghai"))).isEqualTo(BillingMonth.of(2026, 11));
    assertThat(BillingMonth.containing(at, ZoneId.of("UTC"))).isEqualTo(BillingMonth.of(2026, 10));
  }

  @Test
  void aMonthHasEndedOnceItsEndIsReachedAndNotBefore() {
    BillingPeriod october = BillingMonth.of(2026, 10).period(ZoneId.of("UTC"));
    assertThat(october.endedAt(Instant.parse("2026-10-31T23:59:59.999999Z"))).isFalse();
    assertThat(october.endedAt(Instant.parse("2026-11-01T00:00:00Z"))).isTrue();
    assertThat(october.contains(Instant.parse("2026-11-01T00:00:00Z"))).isFalse();
    assertThat(october.contains(Instant.parse("2026-10-01T00:00:00Z"))).isTrue();
  }

  @Test
  void aMonthEndsFirstAtUtcPlusFourteen() {
    BillingMonth october = BillingMonth.of(2026, 10);
    assertThat(october.endedAnywhereAt(Instant.parse("2026-10-31T09:59:59Z"))).isFalse();
    assertThat(october.endedAnywhereAt(Instant.parse("2026-10-31T10:00:00Z"))).isTrue();
  }

  @Test
  void creditUnitsRoundToTwoDigitsAndCurrenciesToTheirMinorUnit() {
    assertThat(MinorUnit.digits("USD")).isEqualTo(2);
    assertThat(MinorUnit.digits("CNY")).isEqualTo(2);
    assertThat(MinorUnit.digits("JPY")).isEqualTo(0);
    assertThat(MinorUnit.digits("CREDITS")).isEqualTo(2);
    assertThat(MinorUnit.digits("PU")).isEqualTo(2);
  }
}
