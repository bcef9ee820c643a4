package dev.tollgate.core.credit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class DeductionProperties {

  @Provide
  Arbitrary<AccountCredit> credits() {
    return CreditArbitraries.credits();
  }

  @Provide
  Arbitrary<RatedCharge> charges() {
    return CreditArbitraries.charges();
  }

  @Provide
  Arbitrary<ShortfallPolicy> policies() {
    return net.jqwik.api.Arbitraries.of(ShortfallPolicy.class);
  }

  @Property(tries = 2000)
  void deductionIgnoresTheOrderGrantsAreGivenIn(
      @ForAll("credits") AccountCredit credit,
      @ForAll("charges") RatedCharge charge,
      @ForAll("policies") ShortfallPolicy policy,
      @ForAll Random random) {
    var shuffled = new ArrayList<>(credit.grants());
    Collections.shuffle(shuffled, random);
    var reordered =
        new AccountCredit(
            shuffled, credit.walletBalanceNanos(), credit.postpaidEnabled(), credit.editionActive());
    assertThat(DeductionEngine.deduct(reordered, charge, policy))
        .isEqualTo(DeductionEngine.deduct(credit, charge, policy));
  }

  @Property(tries = 2000)
  void burnsPlusShortfallEqualTheChargeExactlyInUnitsAndMoney(
      @ForAll("credits") AccountCredit credit,
      @ForAll("charges") RatedCharge charge,
      @ForAll("policies") ShortfallPolicy policy) {
    var d = DeductionEngine.deduct(credit, charge, policy);
    long units = d.shortfallUnits();
    long nanos = d.shortfallNanos();
    for (Burn b : d.burns()) {
      units += b.units();
      nanos += b.amountNanos();
    }
    assertThat(units).isEqualTo(charge.units());
    assertThat(nanos).isEqualTo(charge.amountNanos());
    if (policy == ShortfallPolicy.BOOK_AS_WALLET_DEBT || credit.postpaidEnabled()) {
      assertThat(d.fullyCovered()).isTrue();
    }
    // What nothing covered always costs money: free units are never "short".
    assertThat(d.shortfallUnits() == 0 || d.shortfallNanos() > 0).isTrue();
  }

  @Property(tries = 2000)
  void noGrantBurnsBeyondItsRemainingOrOutsideItsEligibility(
      @ForAll("credits") AccountCredit credit,
      @ForAll("charges") RatedCharge charge,
      @ForAll("policies") ShortfallPolicy policy) {
    var d = DeductionEngine.deduct(credit, charge, policy);
    var byId = new HashMap<String, Grant>();
    credit.grants().forEach(g -> byId.put(g.id(), g));
    var seen = new ArrayList<String>();
    for (Burn b : d.burnsFrom(BurnSource.GRANT)) {
      Grant g = byId.get(b.grantId());
      assertThat(g.eligibleFor(charge.meter(), charge.occurredAt(), credit.editionActive())).isTrue();
      assertThat(b.deducted()).isPositive().isLessThanOrEqualTo(g.remaining());
      assertThat(g.after(b).remaining()).isNotNegative();
      assertThat(seen).doesNotContain(b.grantId());
      seen.add(b.grantId());
    }
    long walletPaid = d.walletNanos();
    if (policy == ShortfallPolicy.REPORT || credit.postpaidEnabled()) {
      assertThat(walletPaid).isLessThanOrEqualTo(Math.max(0, credit.walletBalanceNanos()));
    }
  }

  @Property(tries = 2000)
  void allUnitsAreCoveredExactlyWhenAllMoneyIsAfterEveryBurn(
      @ForAll("credits") AccountCredit credit,
      @ForAll("charges") RatedCharge charge,
      @ForAll("policies") ShortfallPolicy policy) {
    // The floor apportioning's promise: no piece is left with units but no money or the reverse.
    var d = DeductionEngine.deduct(credit, charge, policy);
    long k = 0;
    long m = 0;
    for (Burn b : d.burns()) {
      k += b.units();
      m += b.amountNanos();
      if (charge.units() > 0 && charge.amountNanos() > 0) {
        assertThat(k == charge.units()).isEqualTo(m == charge.amountNanos());
      }
    }
  }

  @Property(tries = 1000)
  void aLaterGrantBurnsOnlyWhenEveryEarlierGrantThatCouldPayIsUsedUp(
      @ForAll("credits") AccountCredit credit, @ForAll("charges") RatedCharge charge) {
    var d = DeductionEngine.deduct(credit, charge, ShortfallPolicy.REPORT);
    List<Grant> order = DeductionEngine.eligible(credit, charge);
    var burnt = new HashMap<String, Long>();
    d.burnsFrom(BurnSource.GRANT).forEach(b -> burnt.put(b.grantId(), b.deducted()));
    int lastBurnt = -1;
    for (int i = 0; i < order.size(); i++) {
      if (burnt.containsKey(order.get(i).id())) {
        lastBurnt = i;
      }
    }
    for (int i = 0; i < lastBurnt; i++) {
      Grant earlier = order.get(i);
      boolean canPay =
          earlier.denomination() == Denomination.MONEY
              ? charge.amountNanos() > 0
              : charge.units() > 0;
      if (canPay) {
        assertThat(burnt.getOrDefault(earlier.id(), 0L)).isEqualTo(earlier.remaining());
      }
    }
    // Burns come out in deduction order.
    var ids = d.burnsFrom(BurnSource.GRANT).stream().map(Burn::grantId).toList();
    var expected = order.stream().map(Grant::id).filter(burnt::containsKey).toList();
    assertThat(ids).isEqualTo(expected);
  }

  @Property(tries = 1000)
  void withoutHoldsAnAccountCanAffordExactlyWhatDeductionCovers(
      @ForAll("credits") AccountCredit credit, @ForAll("charges") RatedCharge charge) {
    var decision = DeductionEngine.canAfford(credit, charge, 0);
    var d = DeductionEngine.deduct(credit, charge, ShortfallPolicy.REPORT);
    assertThat(decision instanceof CreditDecision.Affordable).isEqualTo(d.fullyCovered());
    if (decision instanceof CreditDecision.Insufficient i) {
      assertThat(i.missingNanos()).isEqualTo(d.shortfallNanos());
    }
  }

  @Property(tries = 1000)
  void creditAfterADeductionHasLostExactlyWhatWasBurnt(
      @ForAll("credits") AccountCredit credit,
      @ForAll("charges") RatedCharge charge,
      @ForAll("policies") ShortfallPolicy policy) {
    var d = DeductionEngine.deduct(credit, charge, policy);
    AccountCredit after = credit.after(d);
    assertThat(after.walletBalanceNanos()).isEqualTo(credit.walletBalanceNanos() - d.walletNanos());
    long remainingBefore = credit.grants().stream().mapToLong(Grant::remaining).sum();
    long remainingAfter = after.grants().stream().mapToLong(Grant::remaining).sum();
    long burntFromGrants = d.burnsFrom(BurnSource.GRANT).stream().mapToLong(Burn::deducted).sum();
    assertThat(remainingBefore - remainingAfter).isEqualTo(burntFromGrants);
    assertThat(after.grants()).allMatch(g -> g.remaining() >= 0);
  }
}
