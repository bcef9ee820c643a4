package dev.tollgate.core.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.ledger.Balances;
import dev.tollgate.core.ledger.JournalEntry;
import dev.tollgate.core.ledger.LedgerAccount;
import dev.tollgate.core.ledger.Posting;
import dev.tollgate.core.money.Nanos;
import dev.tollgate.core.pricing.MonthlyTier;
import dev.tollgate.core.pricing.MonthlyTiers;
import dev.tollgate.core.pricing.TierMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BillsTest {
  private static final Instant AT = Instant.parse("2026-11-01T00:05:00Z");

  private static long usd(String text) {
    return Nanos.parse(text);
  }

  /** Seed 004, Image Style Transfer postpaid: 0.08 / 0.06 / 0.05 / 0.04 USD per picture. */
  private static MonthlyTiers seed004(TierMode mode) {
    return new MonthlyTiers(mode, List.of(
        MonthlyTier.upTo(10_000, usd("0.08")),
        MonthlyTier.upTo(100_000, usd("0.06")),
        MonthlyTier.upTo(1_000_000, usd("0.05")),
        MonthlyTier.unbounded(usd("0.04"))));
  }

  private static MeterMonth pictures(long units, TierMode mode) {
    // Settle accrued each picture at the list price, 0.08.
    return new MeterMonth("image-style-transfer", units, units * usd("0.08"), Optional.of(seed004(mode)));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # scenario                                                                  | postpaid units | total
          10,000 calls in a month with 50 free pictures left, postpaid on → 796.00 USD  | 9950           | 796.00
          200,000 calls in a month, free quota already gone → 10,000.00 USD           | 200000         | 10000.00
          """)
  void billsTheSeed004Examples(String scenario, long units, String total) {
    Bill bill = Bills.price("USD", List.of(pictures(units, TierMode.VOLUME)));
    assertThat(bill.lines()).hasSize(1);
    assertThat(Nanos.format(bill.totalRoundedNanos())).isEqualTo(total);
    assertThat(bill.totalNanos()).isEqualTo(bill.totalRoundedNanos());
    assertThat(bill.lines().get(0).units()).isEqualTo(units);
  }

  @Test
  void graduatedTiersGiveOneLinePerTierEntered() {
    Bill bill = Bills.price("USD", List.of(pictures(150_000, TierMode.GRADUATED)));
    assertThat(bill.lines()).extracting(BillLine::units).containsExactly(10_000L, 90_000L, 50_000L);
    // 10,000 × 0.08 + 90,000 × 0.06 + 50,000 × 0.05 = 800 + 5,400 + 2,500
    assertThat(Nanos.format(bill.totalRoundedNanos())).isEqualTo("8700.00");
  }

  @Test
  void aMeterWithoutTiersIsBilledWhatItsCallsAccrued() {
    Bill bill = Bills.price("USD", List.of(new MeterMonth("gpt-4o", 1_234_567, usd("3.7037015"), Optional.empty())));
    assertThat(bill.lines()).singleElement().satisfies(line -> {
      assertThat(line.unitPriceNanos()).isEmpty();
      assertThat(line.amountNanos()).isEqualTo(usd("3.7037015"));
    });
    assertThat(bill.totalNanos()).isEqualTo(usd("3.7037015"));
    assertThat(Nanos.format(bill.totalRoundedNanos())).isEqualTo("3.70");
  }

  @Test
  void theTotalIsRoundedOnceNotPerLine() {
    // Two lines of 0.005 each: rounded per line they would be 0.02; the sum 0.01 rounds to 0.01.
    Bill bill = Bills.price("USD", List.of(
        new MeterMonth("a", 1, usd("0.005"), Optional.empty()),
        new MeterMonth("b", 1, usd("0.005"), Optional.empty())));
    assertThat(Nanos.format(bill.totalRoundedNanos())).isEqualTo("0.01");
  }

  @Test
  void theCorrectionLeavesTheReceivableAtMinusTheRoundedTotal() {
    List<MeterMonth> usage = List.of(
        pictures(200_000, TierMode.VOLUME), new MeterMonth("gpt-4o", 10, usd("0.0000025"), Optional.empty()));
    Bill bill = Bills.price("USD", usage);
    JournalEntry entry = Bills.correction("bill:a:2026-10", AT, "a:2026-10", "a", usage, bill, 0).orElseThrow();
    Map<String, Long> byAccount = entry.postings().stream()
        .collect(Collectors.toMap(p -> p.account().code(), Posting::amount));
    // settle booked 16,000.0000025 on postpaid:a; the bill says 10,000.00
    long receivableAfter = -bill.accruedNanos() + byAccount.get("postpaid:a");
    assertThat(receivableAfter).isEqualTo(-usd("10000.00"));
    assertThat(byAccount.get("usage:image-style-transfer")).isEqualTo(-usd("6000"));
    assertThat(byAccount.get(Bills.ROUNDING.code())).isEqualTo(-usd("0.0000025"));
    assertThat(byAccount).doesNotContainKey("wallet:a");
  }

  @Test
  void whatTheHourlyDeductionTookBeyondTheBillGoesBackToTheWallet() {
    List<MeterMonth> usage = List.of(pictures(200_000, TierMode.VOLUME));
    Bill bill = Bills.price("USD", usage);
    long deducted = usd("16000");
    JournalEntry entry = Bills.correction("bill:a:2026-10", AT, "a:2026-10", "a", usage, bill, deducted).orElseThrow();
    Balances balances = Balances.of(List.of(entry));
    long postpaidAfter = -bill.accruedNanos() + deducted + balances.of(LedgerAccount.postpaid("a"), ledgerUsd());
    assertThat(postpaidAfter).isZero();
    assertThat(balances.of(LedgerAccount.wallet("a"), ledgerUsd())).isEqualTo(usd("6000"));
    assertThat(bill.dueAfter(deducted)).isZero();
    assertThat(Bills.overDeducted(bill, deducted)).isEqualTo(usd("6000"));
  }

  @Test
  void aBillAtListPriceWithNothingToRoundChangesNothingInTheLedger() {
    List<MeterMonth> usage = List.of(new MeterMonth("gpt-4o", 10, usd("1.50"), Optional.empty()));
    assertThat(Bills.correction("e", AT, "r", "a", usage, Bills.price("USD", usage), 0)).isEmpty();
  }

  private static dev.tollgate.core.ledger.LedgerUnit ledgerUsd() {
    return dev.tollgate.core.ledger.LedgerUnit.money("USD");
  }

  @Property
  void aBillEqualsTheSumOfItsLinesAndTheTiersQuote(
      @ForAll @LongRange(min = 0, max = 5_000_000) long units, @ForAll boolean graduated,
      @ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long otherAccrued) {
    TierMode mode = graduated ? TierMode.GRADUATED : TierMode.VOLUME;
    List<MeterMonth> usage = List.of(pictures(units, mode), new MeterMonth("other", 1, otherAccrued, Optional.empty()));
    Bill bill = Bills.price("USD", usage);
    long sum = bill.lines().stream().mapToLong(BillLine::amountNanos).sum();
    assertThat(bill.totalNanos()).isEqualTo(sum);
    assertThat(sum).isEqualTo(seed004(mode).price(units).amountNanos() + otherAccrued);
    assertThat(Math.abs(bill.totalRoundedNanos() - bill.totalNanos())).isLessThanOrEqualTo(5_000_000L);
  }

  @Property
  void theCorrectionSumsToZeroAndMovesTheReceivableToMinusDue(
      @ForAll @LongRange(min = 0, max = 5_000_000) long units, @ForAll boolean graduated,
      @ForAll @LongRange(min = 0, max = 500_000_000_000_000L) long deducted) {
    TierMode mode = graduated ? TierMode.GRADUATED : TierMode.VOLUME;
    List<MeterMonth> usage = List.of(pictures(units, mode));
    Bill bill = Bills.price("USD", usage);
    long cappedDeducted = Math.min(deducted, bill.accruedNanos());
    long change = Bills.correction("e", AT, "r", "a", usage, bill, cappedDeducted)
        .map(e -> Balances.of(List.of(e)).of(LedgerAccount.postpaid("a"), ledgerUsd()))
        .orElse(0L);
    long receivable = -bill.accruedNanos() + cappedDeducted + change;
    assertThat(receivable).isEqualTo(-bill.dueAfter(cappedDeducted));
  }
}
