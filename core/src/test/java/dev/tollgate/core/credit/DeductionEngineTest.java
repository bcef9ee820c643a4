package dev.tollgate.core.credit;

import static dev.tollgate.core.credit.GrantBuilder.grant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tollgate.core.money.Nanos;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeductionEngineTest {
  static final String IMAGE = "image-style-transfer";
  static final String LLM = "gpt-4o";
  static final Instant MID_MARCH = Instant.parse("2026-03-15T12:00:00Z");

  /** Renders burns as {@code source=units/amount}, grants by id, then {@code short=…}. */
  static String render(Deduction d) {
    var parts = new ArrayList<String>();
    for (Burn b : d.burns()) {
      String who = b.source() == BurnSource.GRANT ? b.grantId() : b.source().code();
      parts.add(who + "=" + b.units() + "/" + Nanos.format(b.amountNanos()));
    }
    if (!d.fullyCovered()) {
      parts.add("short=" + d.shortfallUnits() + "/" + Nanos.format(d.shortfallNanos()));
    }
    return String.join(" ", parts);
  }

  static Deduction deduct(
      List<Grant> grants, long walletNanos, boolean postpaid, RatedCharge charge) {
    return DeductionEngine.deduct(
        new AccountCredit(grants, walletNanos, postpaid, true), charge, ShortfallPolicy.REPORT);
  }

  static RatedCharge charge(String meter, long units, String amount) {
    return new RatedCharge(meter, MID_MARCH, units, Nanos.parse(amount));
  }

  // Each grant is named by its class and holds money; every unit of the charge lists at 1.00.
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # situation                                     | grants (class:amount)                                          | wallet | postpaid | charge | burns
          free > trial > edition > prepaid > promo > wallet > postpaid | promo:10 prepaid:10 edition:10 trial:10 free:10 allocation:10 | 10 | on | 75 | allocation=10/10.00 free=10/10.00 trial=10/10.00 edition=10/10.00 prepaid=10/10.00 promo=10/10.00 wallet=10/10.00 postpaid=5/5.00
          a member's calls burn the allocation first      | free:10 allocation:10                                          | 0      | off      | 15     | allocation=10/10.00 free=5/5.00
          trial > paid package > postpaid (seed 002)      | prepaid:10 trial:10                                            | 0      | on       | 25     | trial=10/10.00 prepaid=10/10.00 postpaid=5/5.00
          without postpaid the rest is short              | free:10 prepaid:10                                             | 0      | off      | 25     | free=10/10.00 prepaid=10/10.00 short=5/5.00
          a charge the first grant covers burns only it   | trial:10                                                       | 3      | off      | 5      | trial=5/5.00
          the wallet pays up to its balance               | prepaid:10                                                     | 3      | on       | 20     | prepaid=10/10.00 wallet=3/3.00 postpaid=7/7.00
          a wallet in debt pays nothing                   | ''                                                             | -5     | off      | 2      | short=2/2.00
          """)
  void burnsCreditByClassThenWalletThenPostpaid(
      String situation, String grants, long wallet, String postpaid, long charge, String burns) {
    var list =
        Arrays.stream(grants.trim().split("\\s+"))
            .filter(s -> !s.isEmpty())
            .map(
                s -> {
                  String[] p = s.split(":");
                  return grant(p[0])
                      .of(GrantClass.fromCode(p[0]))
                      .money(Nanos.parse(p[1]))
                      .build();
                })
            .toList();
    var d =
        deduct(
            list,
            Nanos.parse(Long.toString(wallet)),
            postpaid.equals("on"),
            charge(LLM, charge, Long.toString(charge)));
    assertThat(render(d)).isEqualTo(burns);
  }

  @Test
  void burnsTheTrialFirstThenWhateverExpiresFirst() {
    // Seed 001: "prioritizes using the Credits quota of the Personal Trial Edition. When the quota
    // is insufficient, it prioritizes using the Credits that expire first".
    var grants =
        List.of(
            grant("no-expiry-pack").money(Nanos.parse("10")).neverExpires().build(),
            grant("pro-pack").money(Nanos.parse("10")).valid("2026-01-01T00:00:00Z", "2026-09-01T00:00:00Z").build(),
            grant("trial").of(GrantClass.TRIAL).money(Nanos.parse("10")).valid("2026-01-01T00:00:00Z", "2026-12-31T00:00:00Z").build(),
            grant("addon-pack").money(Nanos.parse("10")).valid("2026-01-01T00:00:00Z", "2026-06-01T00:00:00Z").build());
    assertThat(render(deduct(grants, 0, false, charge(LLM, 35, "35"))))
        .isEqualTo("trial=10/10.00 addon-pack=10/10.00 pro-pack=10/10.00 no-expiry-pack=5/5.00");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # situation                          | a: priority, effectiveAt, expiresAt, createdAt                              | b: same                                                                     | first
          lower priority beats earlier expiry  | 10, 2026-01-01T00:00:00Z, 2026-12-01T00:00:00Z, 2026-01-01T00:00:00Z         | 50, 2026-01-01T00:00:00Z, 2026-06-01T00:00:00Z, 2026-01-01T00:00:00Z          | a
          earlier expiry first                 | 50, 2026-01-01T00:00:00Z, 2026-12-01T00:00:00Z, 2026-01-01T00:00:00Z         | 50, 2026-01-01T00:00:00Z, 2026-06-01T00:00:00Z, 2026-01-01T00:00:00Z          | b
          a grant that never expires goes last | 50, 2026-01-01T00:00:00Z, ,                     2026-01-01T00:00:00Z         | 50, 2026-01-01T00:00:00Z, 2099-06-01T00:00:00Z, 2026-01-01T00:00:00Z          | b
          then the earlier effective           | 50, 2026-02-01T00:00:00Z, 2026-06-01T00:00:00Z, 2026-01-01T00:00:00Z         | 50, 2026-01-01T00:00:00Z, 2026-06-01T00:00:00Z, 2026-02-01T00:00:00Z          | b
          then the older                       | 50, 2026-01-01T00:00:00Z, 2026-06-01T00:00:00Z, 2026-01-01T00:00:00Z         | 50, 2026-01-01T00:00:00Z, 2026-06-01T00:00:00Z, 2026-01-02T00:00:00Z          | a
          then the smaller id                  | 50, 2026-01-01T00:00:00Z, 2026-06-01T00:00:00Z, 2026-01-01T00:00:00Z         | 50, 2026-01-01T00:00:00Z, 2026-06-01T00:00:00Z, 2026-01-01T00:00:00Z          | a
          """)
  void ordersGrantsOfOneClassByPriorityExpiryEffectiveAgeAndId(
      String situation, String a, String b, String first) {
    var grants = List.of(parse("b", b), parse("a", a));
    var d = deduct(grants, 0, false, charge(LLM, 1, "1"));
    assertThat(d.burns()).singleElement().extracting(Burn::grantId).isEqualTo(first);
  }

  private static Grant parse(String id, String fields) {
    String[] f = Arrays.stream(fields.split(",")).map(String::trim).toArray(String[]::new);
    return grant(id)
        .money(Nanos.parse("10"))
        .priority(Integer.parseInt(f[0]))
        .valid(f[1], f[2].isEmpty() ? null : f[2])
        .createdAt(f[3])
        .build();
  }

  @Test
  void aPackageThatStartsAfterTheUsageDoesNotPayForIt() {
    // Seed 004: "Resource packages can only deduct the API calls generated after purchase."
    var bought = grant("pack").units(IMAGE, 1_000).valid("2026-03-20T00:00:00Z", "2027-03-20T00:00:00Z").build();
    var d = deduct(List.of(bought), 0, true, charge(IMAGE, 10, "0.80"));
    assertThat(render(d)).isEqualTo("postpaid=10/0.80");
  }

  @Test
  void usageAtTheExpiryInstantIsNotCoveredButTheInstantBeforeIs() {
    var g = grant("g").money(Nanos.parse("10")).valid("2026-01-01T00:00:00Z", "2026-03-15T12:00:00Z").build();
    assertThat(render(deduct(List.of(g), 0, false, charge(LLM, 1, "1")))).isEqualTo("short=1/1.00");
    var before = new RatedCharge(LLM, MID_MARCH.minusNanos(1), 1, Nanos.parse("1"));
    assertThat(render(deduct(List.of(g), 0, false, before))).isEqualTo("g=1/1.00");
  }

  @Test
  void anImagePackageDoesNotPayForAnotherApi() {
    var pack = grant("pack").units(IMAGE, 1_000).build();
    var moneyForImagesOnly = grant("img-credit").money(Nanos.parse("100")).onlyFor(IMAGE).build();
    var d = deduct(List.of(pack, moneyForImagesOnly), Nanos.parse("5"), false, charge(LLM, 100, "2"));
    assertThat(render(d)).isEqualTo("wallet=100/2.00");
  }

  @Test
  void tenThousandCallsWithFiftyFreePicturesLeftAndPostpaidOnBillNineThousandNineHundredFifty() {
    // Seed 004, Pay as You Go example 1: (10,000 − 50) × 0.08 = 796 USD.
    var free = grant("free").of(GrantClass.FREE).units(IMAGE, 1_000).remaining(50).build();
    var d = deduct(List.of(free), 0, true, charge(IMAGE, 10_000, "800.00"));
    assertThat(render(d)).isEqualTo("free=50/4.00 postpaid=9950/796.00");
  }

  @Test
  void twoHundredThousandCallsWithTheFreeQuotaAlreadyGoneAllGoToPostpaid() {
    // Seed 004, Pay as You Go example 2: the monthly bill prices all 200,000 postpaid units.
    var free = grant("free").of(GrantClass.FREE).units(IMAGE, 1_000).remaining(0).build();
    var d = deduct(List.of(free), 0, true, charge(IMAGE, 200_000, "16000.00"));
    assertThat(render(d)).isEqualTo("postpaid=200000/16000.00");
  }

  @Test
  void anAddOnOutsideAnActiveEditionIsUnavailableAndNotBurnt() {
    var addOn = grant("addon").addOn().money(Nanos.parse("10")).build();
    var noEdition = new AccountCredit(List.of(addOn), Nanos.parse("5"), false, false);
    var d = DeductionEngine.deduct(noEdition, charge(LLM, 1, "1"), ShortfallPolicy.REPORT);
    assertThat(render(d)).isEqualTo("wallet=1/1.00");
    assertThat(addOn.statusAt(MID_MARCH, false, false)).isEqualTo(GrantStatus.UNAVAILABLE);

    var withEdition = new AccountCredit(List.of(addOn), Nanos.parse("5"), false, true);
    assertThat(render(DeductionEngine.deduct(withEdition, charge(LLM, 1, "1"), ShortfallPolicy.REPORT)))
        .isEqualTo("addon=1/1.00");
  }

  @Test
  void voidedExhaustedAndFutureGrantsAreNotBurnt() {
    var grants =
        List.of(
            grant("refunded").money(Nanos.parse("10")).voided().build(),
            grant("used-up").money(Nanos.parse("10")).remaining(0).build(),
            grant("next-year").money(Nanos.parse("10")).valid("2027-01-01T00:00:00Z", null).build());
    assertThat(render(deduct(grants, 0, false, charge(LLM, 1, "1")))).isEqualTo("short=1/1.00");
  }

  @Test
  void servedUsageThatNothingCoversIsBookedAsWalletDebtAtSettle() {
    var credit = new AccountCredit(List.of(), Nanos.parse("1"), false, true);
    var c = charge(LLM, 3, "3");
    assertThat(render(DeductionEngine.deduct(credit, c, ShortfallPolicy.REPORT)))
        .isEqualTo("wallet=1/1.00 short=2/2.00");
    var settled = DeductionEngine.deduct(credit, c, ShortfallPolicy.BOOK_AS_WALLET_DEBT);
    assertThat(render(settled)).isEqualTo("wallet=3/3.00");
    assertThat(settled.walletNanos()).isEqualTo(Nanos.parse("3"));
  }

  @Test
  void postpaidTakesTheRestEvenWhenSettleWouldBookADebt() {
    var credit = new AccountCredit(List.of(), Nanos.parse("1"), true, true);
    var d = DeductionEngine.deduct(credit, charge(LLM, 3, "3"), ShortfallPolicy.BOOK_AS_WALLET_DEBT);
    assertThat(render(d)).isEqualTo("wallet=1/1.00 postpaid=2/2.00");
  }

  @Test
  void apportionsMoneyToUnitsCumulativelyWithTheRemainderOnTheLastPiece() {
    // 3 units for 10 nanos: after 1 unit floor(10·1/3) = 3 nanos are covered; the wallet pays 7.
    var one = grant("pack").units(LLM, 1).build();
    var d = deduct(List.of(one), 100, false, new RatedCharge(LLM, MID_MARCH, 3, 10));
    assertThat(d.burns())
        .extracting(Burn::units, Burn::amountNanos)
        .containsExactly(tuple(1L, 3L), tuple(2L, 7L));
    // 4 nanos of money cover floor(3·4/10) = 1 unit; the wallet pays 2 units and 6 nanos.
    var money = grant("credit").money(4).build();
    var m = deduct(List.of(money), 100, false, new RatedCharge(LLM, MID_MARCH, 3, 10));
    assertThat(m.burns())
        .extracting(Burn::units, Burn::amountNanos)
        .containsExactly(tuple(1L, 4L), tuple(2L, 6L));
  }

  @Test
  void aToolOnlyChargeIsPaidInMoneyNeverFromAUnitsPackage() {
    var pack = grant("pack").units(LLM, 1_000).build();
    var credit = grant("credit").of(GrantClass.PROMO).money(Nanos.parse("1")).build();
    var d = deduct(List.of(pack, credit), 0, false, charge(LLM, 0, "0.01"));
    assertThat(render(d)).isEqualTo("credit=0/0.01");
  }

  @Test
  void aChargeListedAtZeroStillCountsPicturesAndCostsNothingElse() {
    var pack = grant("pack").units(IMAGE, 5).build();
    assertThat(render(deduct(List.of(pack), 0, false, charge(IMAGE, 8, "0"))))
        .isEqualTo("pack=5/0.00 wallet=3/0.00");
    assertThat(render(deduct(List.of(pack), 0, true, charge(IMAGE, 8, "0"))))
        .isEqualTo("pack=5/0.00 postpaid=3/0.00");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # situation                                            | grant | wallet | postpaid | holds | estimate | decision            | spare or missing
          credit for the call and no holds                       | 5     | 0      | off      | 0     | 5        | affordable          | 0
          holds already use the credit                           | 5     | 0      | off      | 1     | 5        | insufficient_credit | 1
          the wallet covers what the grant and holds leave       | 5     | 2      | off      | 1     | 6        | affordable          | 0
          short by the charge and the holds                      | 0     | 1      | off      | 2     | 3        | insufficient_credit | 4
          postpaid on affords anything                           | 0     | 0      | on       | 9     | 9        | affordable          | unlimited
          a debt blocks even a small call                        | 0     | -1     | off      | 0     | 1        | insufficient_credit | 1
          """)
  void decidesAffordabilityLikeDeductionWithHoldsSubtracted(
      String situation,
      long grantAmount,
      long wallet,
      String postpaid,
      long holds,
      long estimate,
      String decision,
      String nanos) {
    var grants =
        grantAmount == 0
            ? List.<Grant>of()
            : List.of(grant("g").money(Nanos.parse(Long.toString(grantAmount))).build());
    var credit =
        new AccountCredit(grants, Nanos.parse(Long.toString(wallet)), postpaid.equals("on"), true);
    var result =
        DeductionEngine.canAfford(
            credit, charge(LLM, estimate, Long.toString(estimate)), Nanos.parse(Long.toString(holds)));
    assertThat(result.code()).isEqualTo(decision);
    long amount =
        result instanceof CreditDecision.Affordable a
            ? a.spareNanos()
            : ((CreditDecision.Insufficient) result).missingNanos();
    assertThat(amount)
        .isEqualTo(nanos.equals("unlimited") ? Long.MAX_VALUE : Nanos.parse(nanos));
  }

  @Test
  void valuesPicturesLeftInAPackageAtTheEstimatesUnitPriceForHolds() {
    // Concurrency 3 on an image API: two calls in flight hold 0.16 USD, the package has 3 pictures.
    var pack = grant("pack").units(IMAGE, 3).build();
    var credit = new AccountCredit(List.of(pack), 0, false, true);
    var one = charge(IMAGE, 1, "0.08");
    assertThat(DeductionEngine.canAfford(credit, one, Nanos.parse("0.16")).code()).isEqualTo("affordable");
    assertThat(DeductionEngine.canAfford(credit, one, Nanos.parse("0.17")).code())
        .isEqualTo("insufficient_credit");
  }

  @Test
  void burningAGrantReducesItsRemainingByWhatItCounts() {
    var pack = grant("pack").units(IMAGE, 100).build();
    var d = deduct(List.of(pack), 0, true, charge(IMAGE, 30, "2.40"));
    assertThat(pack.after(d.burns().get(0)).remaining()).isEqualTo(70);
    assertThat(d.burns().stream().map(Burn::source).map(BurnSource::code).collect(Collectors.joining(",")))
        .isEqualTo("grant");
  }
}
