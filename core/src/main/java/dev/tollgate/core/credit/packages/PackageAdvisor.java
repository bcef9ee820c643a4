package dev.tollgate.core.credit.packages;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the cheapest combination of prepaid packages that covers an expected number of units
 * (seed 004: 30,000 pictures a year → 3 × 10,000 = 1,650.00 USD).
 *
 * <p>An unbounded covering knapsack solved exactly by dynamic programming over units in steps of
 * the packages' greatest common size (1,000 for the image API's 1k…10M packages), so the table
 * stays small for realistic sizes. Ties go to the mix that covers fewer units (less to expire
 * unused), then to fewer packages.
 */
public final class PackageAdvisor {
  /** Table cells the search may use: 10M pictures in 1,000-picture steps is 10,000 cells. */
  public static final int STEPS_MAX = 2_000_000;
  /** Packages considered at once: a catalog has a handful per meter. */
  public static final int OFFERS_MAX = 64;

  private PackageAdvisor() {}

  /** Why no advice was given. */
  public enum Refusal {
    NO_OFFERS("no_packages", "no prepaid package is offered for this meter"),
    TOO_MANY_OFFERS("too_many_packages", "more than " + OFFERS_MAX + " packages to combine"),
    TOO_LARGE("expected_units_too_large", "the expected units are too many to search exactly"),
    NOT_POSITIVE("expected_units_invalid", "expected units must be at least 1");

    private final String code;
    private final String message;

    Refusal(String code, String message) {
      this.code = code;
      this.message = message;
    }

    public String code() {
      return code;
    }

    public String message() {
      return message;
    }
  }

  /** Advice, or the reason there is none. */
  public sealed interface Outcome permits Advised, Refused {}

  public record Advised(PackageAdvice advice) implements Outcome {}

  public record Refused(Refusal reason) implements Outcome {}

  public static Outcome advise(List<PackageOffer> offers, long expectedUnits) {
    if (expectedUnits < 1) {
      return new Refused(Refusal.NOT_POSITIVE);
    }
    if (offers.isEmpty()) {
      return new Refused(Refusal.NO_OFFERS);
    }
    if (offers.size() > OFFERS_MAX) {
      return new Refused(Refusal.TOO_MANY_OFFERS);
    }
    long step = 0;
    for (PackageOffer offer : offers) {
      step = gcd(step, offer.units());
    }
    long stepsNeeded = ceilDiv(expectedUnits, step);
    if (stepsNeeded > STEPS_MAX) {
      return new Refused(Refusal.TOO_LARGE);
    }
    int n = (int) stepsNeeded;
    // best[x]: the cheapest mix covering at least x steps; tie-broken by units, then count.
    long[] cost = new long[n + 1];
    long[] units = new long[n + 1];
    long[] count = new long[n + 1];
    int[] choice = new int[n + 1];
    choice[0] = -1;
    for (int x = 1; x <= n; x++) {
      cost[x] = Long.MAX_VALUE;
      for (int i = 0; i < offers.size(); i++) {
        PackageOffer offer = offers.get(i);
        int rest = (int) Math.max(0, x - offer.units() / step);
        long c = Math.addExact(cost[rest], offer.priceNanos());
        long u = Math.addExact(units[rest], offer.units());
        long k = count[rest] + 1;
        if (c < cost[x] || (c == cost[x] && (u < units[x] || (u == units[x] && k < count[x])))) {
          cost[x] = c;
          units[x] = u;
          count[x] = k;
          choice[x] = i;
        }
      }
    }
    long[] perOffer = new long[offers.size()];
    for (int x = n; x > 0; ) {
      int i = choice[x];
      perOffer[i]++;
      x = (int) Math.max(0, x - offers.get(i).units() / step);
    }
    List<PackageAdvice.Line> lines = new ArrayList<>();
    for (int i = 0; i < offers.size(); i++) {
      if (perOffer[i] > 0) {
        lines.add(new PackageAdvice.Line(offers.get(i).id(), perOffer[i]));
      }
    }
    return new Advised(new PackageAdvice(cost[n], units[n], List.copyOf(lines)));
  }

  /** Convenience for callers that only want the advice. */
  public static Optional<PackageAdvice> adviceOf(Outcome outcome) {
    return outcome instanceof Advised a ? Optional.of(a.advice()) : Optional.empty();
  }

  private static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }
}
