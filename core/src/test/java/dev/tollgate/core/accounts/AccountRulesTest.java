package dev.tollgate.core.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AccountRulesTest {

  @ParameterizedTest(name = "\"{0}\" is a valid id")
  @ValueSource(strings = {"acme", "cust_42", "a.b-c", "0"})
  void acceptsIdsThatNeedNoEscaping(String id) {
    assertThat(AccountRules.checkId(id)).isEmpty();
  }

  @ParameterizedTest(name = "\"{0}\" is not a valid id")
  @ValueSource(strings = {"", " acme", "a/b", "ä", "-a", "a b"})
  void refusesIdsThatNeedEscaping(String id) {
    assertThat(AccountRules.checkId(id)).contains(AccountRejection.ID_INVALID);
  }

  @Test
  void acceptsAnIdOfSixtyFourCharactersAndNotSixtyFive() {
    assertThat(AccountRules.checkId("a".repeat(64))).isEmpty();
    assertThat(AccountRules.checkId("a".repeat(65))).contains(AccountRejection.ID_INVALID);
  }

  @ParameterizedTest(name = "time zone {0} valid: {1}")
  @CsvSource({"UTC, true", "Europe/Berlin, true", "Asia/Shanghai, true", "+02:00, false", "GMT+2, false", "Mars/Base, false"})
  void acceptsOnlyRegionTimezones(String zone, boolean valid) {
    assertThat(AccountRules.checkTimezone(zone).isEmpty()).isEqualTo(valid);
  }

  @ParameterizedTest(name = "unit {0} valid: {1}")
  @CsvSource({"USD, true", "CNY, true", "CREDITS, true", "PU, true", "usd, false", "U, false", "A_VERY_LONG_UNIT_NAME, false"})
  void acceptsCurrencyCodesAndCreditUnits(String unit, boolean valid) {
    assertThat(AccountRules.checkCurrency(unit).isEmpty()).isEqualTo(valid);
  }

  @ParameterizedTest(name = "{0}: last change {1}, now {2} → allowed {3}")
  @CsvSource(nullValues = "never", textBlock = """
      first change ever,        never,                 2026-11-02T10:00:00Z, true
      one second short of 1 h,  2026-11-02T10:00:00Z,  2026-11-02T10:59:59Z, false
      exactly one hour later,   2026-11-02T10:00:00Z,  2026-11-02T11:00:00Z, true
      """)
  void letsThePostpaidSwitchChangeOnceAnHour(String scenario, Instant lastChangedAt, Instant now, boolean allowed) {
    assertThat(PostpaidSwitch.allows(false, true, lastChangedAt, now)).isEqualTo(allowed);
  }

  @Test
  void countsSettingTheSameValueAsNoChange() {
    Instant t = Instant.parse("2026-11-02T10:00:00Z");
    assertThat(PostpaidSwitch.allows(true, true, t, t.plusSeconds(1))).isTrue();
  }
}
