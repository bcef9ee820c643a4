package dev.tollgate.core.credit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** Random accounts and charges around one instant, sized to hit every branch of deduction. */
final class CreditArbitraries {
  static final String METER = "m";
  static final String OTHER_METER = "x";
  static final Instant AT = Instant.parse("2026-06-15T00:00:00Z");

  private CreditArbitraries() {}

  /** Small amounts collide often (ties, exact fits); huge ones exercise the 128-bit path. */
  static Arbitrary<Long> amounts() {
    return Arbitraries.oneOf(
        Arbitraries.longs().between(0, 20),
        Arbitraries.longs().between(0, 5_000),
        Arbitraries.longs().between(0, 1_000_000_000_000_000L));
  }

  static Arbitrary<Instant> around() {
    // A narrow range on purpose: ties between grants must be common to test the tie-breakers.
    return Arbitraries.integers().between(-2, 2).map(d -> AT.plus(Duration.ofDays(d)));
  }

  static Arbitrary<Grant> grant(String id) {
    var classes =
        Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.just(GrantClass.PREPAID)), Tuple.of(2, Arbitraries.of(GrantClass.class)));
    var denominations = Arbitraries.of(Denomination.class);
    var meters = Arbitraries.of(METER, OTHER_METER);
    var allMeters = Arbitraries.of(true, false);
    var validity =
        Combinators.combine(around(), Arbitraries.integers().between(0, 3))
            .as((from, days) -> new Instant[] {from, days == 0 ? null : from.plus(Duration.ofDays(days))});
    var priority = Arbitraries.of(10, 50, 50, 90);
    var created = around();
    var amount = amounts();
    var usedShare = Arbitraries.integers().between(0, 100);
    var flags = Arbitraries.integers().between(0, 7);
    var shape =
        Combinators.combine(classes, denominations, meters, allMeters, validity, priority, created, amount)
            .as(Shape::new);
    return Combinators.combine(shape, usedShare, flags)
        .as(
            (sh, used, f) -> {
              MeterScope scope =
                  sh.denomination() == Denomination.UNITS
                      ? MeterScope.meter(sh.meter())
                      : sh.allMeters() ? MeterScope.allMeters() : MeterScope.meters(Set.of(sh.meter()));
              long left = sh.amount() - sh.amount() / 100 * used;
              // Flags: bit 0 = an add-on; 6 = voided (one in eight).
              return new Grant(
                  id, sh.grantClass(), sh.denomination(), scope, sh.window()[0], sh.window()[1],
                  sh.priority(), sh.createdAt(), sh.amount(), left, (f & 1) != 0, f == 6);
            });
  }

  private record Shape(
      GrantClass grantClass,
      Denomination denomination,
      String meter,
      boolean allMeters,
      Instant[] window,
      int priority,
      Instant createdAt,
      long amount) {}

  static Arbitrary<List<Grant>> grants() {
    return Arbitraries.integers()
        .between(0, 8)
        .flatMap(
            n -> {
              var each = new ArrayList<Arbitrary<Grant>>();
              for (int i = 0; i < n; i++) {
                each.add(grant("g" + i));
              }
              return Combinators.combine(each).as(List::copyOf);
            });
  }

  static Arbitrary<AccountCredit> credits() {
    return Combinators.combine(
            grants(),
            Arbitraries.oneOf(Arbitraries.longs().between(-100, 100), amounts()),
            Arbitraries.of(true, false),
            Arbitraries.of(true, false))
        .as(AccountCredit::new);
  }

  static Arbitrary<RatedCharge> charges() {
    return Combinators.combine(Arbitraries.of(METER, METER, OTHER_METER), amounts(), amounts())
        .as((meter, units, nanos) -> new RatedCharge(meter, AT, units, nanos));
  }
}
