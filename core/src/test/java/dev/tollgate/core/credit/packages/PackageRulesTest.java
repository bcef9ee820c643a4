package dev.tollgate.core.credit.packages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PackageRulesTest {
  private static final Instant JAN_1 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant JULY_1 = Instant.parse("2026-07-01T00:00:00Z");
  private static final Instant NEXT_JAN_1 = Instant.parse("2027-01-01T00:00:00Z");

  @ParameterizedTest(name = "{0} + {1} in {2} ends {3}")
  @CsvSource({
    "2026-01-31T10:00:00Z, P1M, UTC,           2026-02-28T10:00:00Z",
    "2028-01-31T10:00:00Z, P1M, UTC,           2028-02-29T10:00:00Z",
    "2028-02-29T00:00:00Z, P1Y, UTC,           2029-02-28T00:00:00Z",
    "2026-03-01T00:00:00Z, P1D, UTC,           2026-03-02T00:00:00Z",
    "2026-01-31T23:30:00Z, P1M, Asia/Shanghai, 2026-02-28T23:30:00Z",
    "2026-03-28T12:00:00Z, P1D, Europe/Berlin, 2026-03-29T11:00:00Z",
  })
  void endsAValidityOnTheAccountsCalendarClampingMonthEnds(Instant start, Period validity, String zone, Instant end) {
    assertThat(Validity.end(start, validity, ZoneId.of(zone))).isEqualTo(end);
  }

  @Test
  void refusesValiditiesThatAreNotProducts() {
    assertThat(Validity.acceptable(Period.ofYears(1))).isTrue();
    assertThat(Validity.acceptable(Period.ofYears(100))).isTrue();
    assertThat(Validity.acceptable(Period.ofYears(101))).isFalse();
    assertThat(Validity.acceptable(Period.ZERO)).isFalse();
    assertThat(Validity.acceptable(Period.ofDays(-1))).isFalse();
  }

  @Test
  void letsOnlyTheHighestOverlappingEditionTakeEffect() {
    Edition free = new Edition("free", 0, JAN_1, null);
    Edition pro = new Edition("pro", 1, JULY_1, NEXT_JAN_1);
    assertThat(EditionRules.effectiveAt(List.of(free, pro), JAN_1)).contains(free);
    assertThat(EditionRules.effectiveAt(List.of(free, pro), JULY_1)).contains(pro);
    assertThat(EditionRules.effectiveAt(List.of(pro, free), NEXT_JAN_1)).contains(free);
  }

  @Test
  void upgradesToAHigherEditionKeepingTheExpiry() {
    Edition pro = new Edition("pro", 1, JAN_1, NEXT_JAN_1);
    EditionRules.Upgrade upgrade = EditionRules.upgrade(List.of(pro), 2, JULY_1);
    assertThat(upgrade).isEqualTo(new EditionRules.Upgraded(pro, 2, JULY_1, NEXT_JAN_1));
    assertThat(EditionRules.upgrade(List.of(pro), 1, JULY_1))
        .isEqualTo(new EditionRules.Refused(EditionRules.UpgradeRefusal.NOT_HIGHER));
    assertThat(EditionRules.upgrade(List.of(pro), 2, NEXT_JAN_1))
        .isEqualTo(new EditionRules.Refused(EditionRules.UpgradeRefusal.NO_EDITION));
  }

  @Test
  void sellsAddOnsOnlyWhileAnEditionIsValid() {
    Edition pro = new Edition("pro", 1, JAN_1, NEXT_JAN_1);
    assertThat(EditionRules.addOnPurchasable(List.of(pro), JULY_1)).isTrue();
    assertThat(EditionRules.addOnPurchasable(List.of(pro), NEXT_JAN_1)).isFalse();
    assertThat(EditionRules.addOnPurchasable(List.of(), JULY_1)).isFalse();
  }

  @ParameterizedTest(name = "{0} → refundable {5}")
  @CsvSource({
    "unused on day 6,           2026-01-01T00:00:00Z, 7, true,  false, true,  2026-01-07T23:59:59Z",
    "unused at the 7-day mark,  2026-01-01T00:00:00Z, 7, true,  false, false, 2026-01-08T00:00:00Z",
    "one picture used,          2026-01-01T00:00:00Z, 7, false, false, false, 2026-01-02T00:00:00Z",
    "refunded already,          2026-01-01T00:00:00Z, 7, true,  true,  false, 2026-01-02T00:00:00Z",
    "not refundable at all,     2026-01-01T00:00:00Z, 0, true,  false, false, 2026-01-01T00:00:01Z",
  })
  void refundsAnUnusedPackageWithinItsWindowOnly(
      String scenario, Instant purchasedAt, int days, boolean unused, boolean refunded, boolean allowed, Instant now) {
    assertThat(RefundRule.allows(purchasedAt, days, unused, refunded, now)).isEqualTo(allowed);
  }
}
