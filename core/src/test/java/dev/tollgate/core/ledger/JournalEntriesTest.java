package dev.tollgate.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.credit.AccountCredit;
import dev.tollgate.core.credit.DeductionEngine;
import dev.tollgate.core.credit.Denomination;
import dev.tollgate.core.credit.Grant;
import dev.tollgate.core.credit.GrantClass;
import dev.tollgate.core.credit.MeterScope;
import dev.tollgate.core.credit.RatedCharge;
import dev.tollgate.core.credit.ShortfallPolicy;
import dev.tollgate.core.money.Nanos;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JournalEntriesTest {
  static final LedgerUnit.Money USD = LedgerUnit.money("USD");
  static final String IMAGE = "image-style-transfer";
  static final Instant JAN_1 = Instant.parse("2026-01-01T00:00:00Z");
  static final Instant MID_MARCH = Instant.parse("2026-03-15T12:00:00Z");
  static final Instant JAN_1_2027 = Instant.parse("2027-01-01T00:00:00Z");

  static Grant freePictures(long amount, long remaining) {
    return new Grant(
        "free-1", GrantClass.FREE, Denomination.UNITS, MeterScope.meter(IMAGE), JAN_1, JAN_1_2027,
        Grant.PRIORITY_DEFAULT, JAN_1, amount, remaining, false, false);
  }

  static Grant promoMoney(String amount) {
    long nanos = Nanos.parse(amount);
    return new Grant(
        "promo-1", GrantClass.PROMO, Denomination.MONEY, MeterScope.allMeters(), JAN_1, JAN_1_2027,
        Grant.PRIORITY_DEFAULT, JAN_1, nanos, nanos, false, false);
  }

  /** Renders postings as {@code account unit amount}, money in decimal, units as counts. */
  static String render(JournalEntry e) {
    return e.postings().stream()
        .map(
            p ->
                p.account().code()
                    + " "
                    + p.unit().code()
                    + " "
                    + (p.unit() instanceof LedgerUnit.Money
                        ? Nanos.format(p.amount())
                        : Long.toString(p.amount())))
        .collect(Collectors.joining(", "));
  }

  @Test
  void issuingAGrantFundsItFromItsClassInItsOwnUnit() {
    assertThat(render(JournalEntries.grantIssued("e1", JAN_1, freePictures(1000, 1000), USD)))
        .isEqualTo(
            "grant:free-1 units:image-style-transfer 1000, grant_funding:free units:image-style-transfer -1000");
    assertThat(render(JournalEntries.grantIssued("e2", JAN_1, promoMoney("5"), USD)))
        .isEqualTo("grant:promo-1 USD 5.00, grant_funding:promo USD -5.00");
  }

  @Test
  void aTeamAllocationIsFundedFromTheRootsWallet() {
    var g = promoMoney("20");
    var e = JournalEntries.grantIssued("e1", JAN_1, g, USD, LedgerAccount.wallet("root"));
    assertThat(render(e)).isEqualTo("grant:promo-1 USD 20.00, wallet:root USD -20.00");
  }

  @Test
  void tenThousandCallsWithFiftyFreePicturesLeftPostFiftyPicturesAndSevenHundredNinetySixDollars() {
    var credit = new AccountCredit(List.of(freePictures(1000, 50)), 0, true, true);
    var charge = new RatedCharge(IMAGE, MID_MARCH, 10_000, Nanos.parse("800"));
    var d = DeductionEngine.deduct(credit, charge, ShortfallPolicy.BOOK_AS_WALLET_DEBT);
    var e = JournalEntries.usage("e1", "req-1", "acct", USD, d).orElseThrow();
    assertThat(e.kind()).isEqualTo(EntryKind.USAGE);
    assertThat(e.occurredAt()).isEqualTo(MID_MARCH);
    assertThat(render(e))
        .isEqualTo(
            "grant:free-1 units:image-style-transfer -50, usage:image-style-transfer units:image-style-transfer 50, "
                + "postpaid:acct USD -796.00, usage:image-style-transfer USD 796.00");
  }

  @Test
  void aShortfallBookedAtSettleLeavesTheWalletInDebt() {
    var credit = new AccountCredit(List.of(promoMoney("1")), Nanos.parse("0.5"), false, true);
    var charge = new RatedCharge("gpt-4o", MID_MARCH, 300, Nanos.parse("3"));
    var d = DeductionEngine.deduct(credit, charge, ShortfallPolicy.BOOK_AS_WALLET_DEBT);
    var e = JournalEntries.usage("e1", "req-1", "acct", USD, d).orElseThrow();
    assertThat(render(e))
        .isEqualTo("grant:promo-1 USD -1.00, usage:gpt-4o USD 3.00, wallet:acct USD -2.00");
    var balances = Balances.of(List.of(JournalEntries.topUp("t", JAN_1, "o1", "acct", USD, Nanos.parse("0.5"), LedgerAccount.payments("stripe")), e));
    assertThat(balances.of(LedgerAccount.wallet("acct"), USD)).isEqualTo(Nanos.parse("-1.5"));
  }

  @Test
  void usageWithAnUnbookedShortfallIsRefusedBecauseServedUsageIsNeverDropped() {
    var credit = new AccountCredit(List.of(), 0, false, true);
    var d = DeductionEngine.deduct(credit, new RatedCharge("gpt-4o", MID_MARCH, 1, 1), ShortfallPolicy.REPORT);
    assertThatThrownBy(() -> JournalEntries.usage("e1", "req-1", "acct", USD, d))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aFreeCallPostsNothing() {
    var credit = new AccountCredit(List.of(), 0, false, true);
    var d = DeductionEngine.deduct(credit, new RatedCharge("gpt-4o", MID_MARCH, 5, 0), ShortfallPolicy.REPORT);
    assertThat(JournalEntries.usage("e1", "req-1", "acct", USD, d)).isEmpty();
  }

  @Test
  void aRefundReturnsTheRemainderToItsFundingAndAnExpiryToBreakage() {
    var g = freePictures(1000, 400);
    assertThat(render(JournalEntries.refund("e1", MID_MARCH, g, USD).orElseThrow()))
        .isEqualTo(
            "grant:free-1 units:image-style-transfer -400, grant_funding:free units:image-style-transfer 400");
    assertThat(render(JournalEntries.expiry("e2", JAN_1_2027, g, USD).orElseThrow()))
        .isEqualTo(
            "grant:free-1 units:image-style-transfer -400, breakage:free units:image-style-transfer 400");
    assertThat(JournalEntries.expiry("e3", JAN_1_2027, freePictures(1000, 0), USD)).isEmpty();
  }

  @Test
  void aGrantCannotExpireBeforeItsExpiryNorBeRefundedTwice() {
    var g = freePictures(1000, 400);
    assertThatThrownBy(() -> JournalEntries.expiry("e1", JAN_1_2027.minusNanos(1), g, USD))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JournalEntries.refund("e1", MID_MARCH, g.asVoided(), USD))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void postpaidIsPaidFromTheWalletOrByABill() {
    assertThat(render(JournalEntries.walletDebit("e1", MID_MARCH, "hour-12", "acct", USD, Nanos.parse("2"))))
        .isEqualTo("wallet:acct USD -2.00, postpaid:acct USD 2.00");
    assertThat(render(JournalEntries.billPayment("e2", MID_MARCH, "2026-02", "acct", USD, Nanos.parse("796"), "stripe")))
        .isEqualTo("postpaid:acct USD 796.00, payments:stripe USD -796.00");
  }

  @Test
  void aReversalUndoesAnEntryWithoutEditingIt() {
    var topUp = JournalEntries.topUp("e1", JAN_1, "o1", "acct", USD, 7, LedgerAccount.adjustment("operator"));
    var reversal = JournalEntries.reversal("e2", MID_MARCH, topUp);
    assertThat(reversal.kind()).isEqualTo(EntryKind.CORRECTION);
    assertThat(reversal.reference()).isEqualTo("e1");
    var balances = Balances.of(List.of(topUp, reversal));
    assertThat(balances.of(LedgerAccount.wallet("acct"), USD)).isZero();
    assertThat(balances.total(USD)).isZero();
  }

  @Test
  void refusesAnEntryThatIsEmptyOrDoesNotSumToZeroInEveryUnit() {
    var wallet = LedgerAccount.wallet("a");
    var usage = LedgerAccount.usage(IMAGE);
    var pictures = LedgerUnit.meterUnits(IMAGE);
    assertThatThrownBy(() -> JournalEntries.correction("e", JAN_1, "x", List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                JournalEntries.correction(
                    "e", JAN_1, "x", List.of(new Posting(wallet, USD, 5), new Posting(usage, USD, -4))))
        .isInstanceOf(IllegalArgumentException.class);
    // Ten dollars are not ten pictures: units never offset money.
    assertThatThrownBy(
            () ->
                JournalEntries.correction(
                    "e", JAN_1, "x", List.of(new Posting(wallet, USD, 10), new Posting(usage, pictures, -10))))
        .isInstanceOf(IllegalArgumentException.class);
    // A sum that overflows to zero is not zero.
    assertThatThrownBy(
            () ->
                JournalEntry.check(
                    List.of(
                        new Posting(wallet, USD, Long.MAX_VALUE),
                        new Posting(wallet, USD, Long.MAX_VALUE),
                        new Posting(usage, USD, 2))))
        .isInstanceOf(ArithmeticException.class);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "grant:g_42",
    "wallet:acct-1",
    "grant_funding:edition",
    "usage:gpt-4o",
    "postpaid:acct-1",
    "breakage:prepaid",
    "payments:stripe",
    "adjustment:operator",
    "usage:vendor:model-with-colon",
  })
  void ledgerAccountCodesReadBackAsTheSameAccount(String code) {
    assertThat(LedgerAccount.parse(code).code()).isEqualTo(code);
  }
}
