package dev.tollgate.core.credit;

import static dev.tollgate.core.credit.GrantBuilder.grant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class GrantStatusTest {

  // The grant is valid [2026-03-01, 2026-04-01). First matching row of seed 000's list wins:
  // invalid, not applied, expired, unavailable, exhausted, available.
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # situation                                              | now                  | voided | overdue | add-on | edition active | left | status
          a refunded package is invalid even before it starts      | 2026-02-01T00:00:00Z | true   | false   | false  | true           | 10   | invalid
          an overdue account makes a usable grant invalid          | 2026-03-15T00:00:00Z | false  | true    | false  | true           | 10   | invalid
          a future grant is not applied                            | 2026-02-28T23:59:59Z | false  | false   | false  | true           | 10   | not_applied
          a future add-on without edition is not applied           | 2026-02-01T00:00:00Z | false  | false   | true   | false          | 10   | not_applied
          validity starts at effectiveAt inclusive                 | 2026-03-01T00:00:00Z | false  | false   | false  | true           | 10   | available
          validity ends at expiresAt exclusive                     | 2026-04-01T00:00:00Z | false  | false   | false  | true           | 10   | expired
          an expired add-on is expired, not unavailable            | 2026-05-01T00:00:00Z | false  | false   | true   | false          | 10   | expired
          an expired and exhausted grant is expired                | 2026-05-01T00:00:00Z | false  | false   | false  | true           | 0    | expired
          an add-on outside an active edition is unavailable       | 2026-03-15T00:00:00Z | false  | false   | true   | false          | 10   | unavailable
          an exhausted add-on outside an edition is unavailable    | 2026-03-15T00:00:00Z | false  | false   | true   | false          | 0    | unavailable
          an add-on inside an active edition is available          | 2026-03-15T00:00:00Z | false  | false   | true   | true           | 10   | available
          a used-up grant in its validity is exhausted             | 2026-03-15T00:00:00Z | false  | false   | false  | true           | 0    | exhausted
          a plain grant in its validity with credit is available   | 2026-03-15T00:00:00Z | false  | false   | false  | false          | 1    | available
          """)
  void derivesTheStatusOfSeed000InItsPrecedence(
      String situation,
      Instant now,
      boolean voided,
      boolean overdue,
      boolean addOn,
      boolean editionActive,
      long left,
      String status) {
    var b = grant("g").money(10).remaining(left).valid("2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z");
    if (voided) {
      b.voided();
    }
    if (addOn) {
      b.addOn();
    }
    assertThat(b.build().statusAt(now, editionActive, overdue).code()).isEqualTo(status);
  }

  @Test
  void aGrantThatNeverExpiresIsNeverExpired() {
    var g = grant("g").neverExpires().build();
    assertThat(g.statusAt(Instant.parse("2999-01-01T00:00:00Z"), true, false))
        .isEqualTo(GrantStatus.AVAILABLE);
  }

  @Test
  void refusesAGrantWhoseRemainingExceedsItsAmountOrWhoseValidityIsEmpty() {
    assertThatThrownBy(() -> grant("g").money(10).remaining(11).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> grant("g").money(10).remaining(-1).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> grant("g").valid("2026-03-01T00:00:00Z", "2026-03-01T00:00:00Z").build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesAUnitsGrantThatIsNotScopedToExactlyOneMeter() {
    assertThatThrownBy(
            () -> grant("g").units("image-style-transfer", 10).onlyFor("a", "b").build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void grantClassCodesAreStableAndInBurnOrder() {
    assertThat(GrantClass.values())
        .extracting(GrantClass::code)
        .containsExactly("allocation", "free", "trial", "edition", "prepaid", "promo");
    assertThat(GrantClass.fromCode("promo")).isEqualTo(GrantClass.PROMO);
  }
}
