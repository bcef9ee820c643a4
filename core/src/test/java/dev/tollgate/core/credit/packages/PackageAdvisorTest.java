package dev.tollgate.core.credit.packages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.money.Nanos;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PackageAdvisorTest {
  /** Seed 004's Image Style Transfer packages: 1k 75, 10k 550, 100k 4,500, 1M 30,000, 10M 200,000 USD. */
  static final List<PackageOffer> IMAGE_PACKAGES = List.of(
      new PackageOffer("ist-1k", 1_000, Nanos.parse("75")),
      new PackageOffer("ist-10k", 10_000, Nanos.parse("550")),
      new PackageOffer("ist-100k", 100_000, Nanos.parse("4500")),
      new PackageOffer("ist-1m", 1_000_000, Nanos.parse("30000")),
      new PackageOffer("ist-10m", 10_000_000, Nanos.parse("200000")));

  private static PackageAdvice advise(long units) {
    return PackageAdvisor.adviceOf(PackageAdvisor.advise(IMAGE_PACKAGES, units)).orElseThrow();
  }

  @ParameterizedTest(name = "{0} pictures expected → {1} USD as {2}")
  @CsvSource(delimiter = '|', textBlock = """
      30,000 pictures in a year (seed 004 example 1) | 30000   | 1650.00  | ist-10k×3
      one picture                                    | 1       | 75.00    | ist-1k×1
      8,000 pictures: eight 1k packs cost 600        | 8000    | 550.00   | ist-10k×1
      7,000 pictures: seven 1k packs are cheapest    | 7000    | 525.00   | ist-1k×7
      95,000 pictures: one 100k pack                 | 95000   | 4500.00  | ist-100k×1
      """)
  void findsTheCheapestMix(String scenario, long units, String total, String mix) {
    PackageAdvice advice = advise(units);
    assertThat(Nanos.format(advice.totalNanos())).isEqualTo(total);
    assertThat(advice.counts().stream().map(l -> l.packageId() + "×" + l.count()).toList()).containsExactly(mix.split(","));
    assertThat(advice.unitsCovered()).isGreaterThanOrEqualTo(units);
  }

  @Test
  void prefersTheMixThatWastesLessWhenPricesTie() {
    List<PackageOffer> offers = List.of(new PackageOffer("big", 20, 100), new PackageOffer("small", 10, 50));
    PackageAdvice advice = PackageAdvisor.adviceOf(PackageAdvisor.advise(offers, 10)).orElseThrow();
    assertThat(advice.counts()).containsExactly(new PackageAdvice.Line("small", 1));
  }

  @Test
  void refusesWithACodeWhenThereIsNothingToAdvise() {
    assertThat(PackageAdvisor.advise(List.of(), 10)).isEqualTo(new PackageAdvisor.Refused(PackageAdvisor.Refusal.NO_OFFERS));
    assertThat(PackageAdvisor.advise(IMAGE_PACKAGES, 0)).isEqualTo(new PackageAdvisor.Refused(PackageAdvisor.Refusal.NOT_POSITIVE));
  }

  @Test
  void searchesUpToTheStepLimitAndRefusesOneStepMore() {
    List<PackageOffer> unitPacks = List.of(new PackageOffer("one", 1, 1));
    assertThat(PackageAdvisor.advise(unitPacks, PackageAdvisor.STEPS_MAX)).isInstanceOf(PackageAdvisor.Advised.class);
    assertThat(PackageAdvisor.advise(unitPacks, PackageAdvisor.STEPS_MAX + 1L))
        .isEqualTo(new PackageAdvisor.Refused(PackageAdvisor.Refusal.TOO_LARGE));
  }

  @Test
  void combinesUpToTheOfferLimitAndRefusesOneMore() {
    List<PackageOffer> offers = new ArrayList<>();
    for (int i = 1; i <= PackageAdvisor.OFFERS_MAX; i++) {
      offers.add(new PackageOffer("p" + i, i, i * 10L));
    }
    assertThat(PackageAdvisor.advise(offers, 100)).isInstanceOf(PackageAdvisor.Advised.class);
    offers.add(new PackageOffer("one-more", 7, 1));
    assertThat(PackageAdvisor.advise(offers, 100)).isEqualTo(new PackageAdvisor.Refused(PackageAdvisor.Refusal.TOO_MANY_OFFERS));
  }

  @Property(tries = 300)
  void isNeverBeatenByAnyMixFoundByBruteForce(
      @ForAll @Size(min = 1, max = 3) List<@IntRange(min = 1, max = 12) Integer> sizes,
      @ForAll @Size(min = 3, max = 3) List<@IntRange(min = 0, max = 100) Integer> prices,
      @ForAll @IntRange(min = 1, max = 40) int expected) {
    List<PackageOffer> offers = new ArrayList<>();
    for (int i = 0; i < sizes.size(); i++) {
      offers.add(new PackageOffer("p" + i, sizes.get(i), prices.get(i)));
    }
    PackageAdvice advice = PackageAdvisor.adviceOf(PackageAdvisor.advise(offers, expected)).orElseThrow();
    long best = bruteForce(offers, 0, expected);
    assertThat(advice.totalNanos()).isEqualTo(best);
    long covered = advice.counts().stream()
        .mapToLong(l -> offers.stream().filter(o -> o.id().equals(l.packageId())).findFirst().orElseThrow().units() * l.count())
        .sum();
    assertThat(covered).isEqualTo(advice.unitsCovered()).isGreaterThanOrEqualTo(expected);
  }

  private static long bruteForce(List<PackageOffer> offers, int from, long need) {
    if (need <= 0) {
      return 0;
    }
    if (from == offers.size()) {
      return Long.MAX_VALUE / 4;
    }
    PackageOffer o = offers.get(from);
    long best = Long.MAX_VALUE / 4;
    for (long k = 0; k <= (need + o.units() - 1) / o.units(); k++) {
      best = Math.min(best, k * o.priceNanos() + bruteForce(offers, from + 1, need - k * o.units()));
    }
    return best;
  }
}
