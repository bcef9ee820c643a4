package dev.tollgate.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.credit.AccountCredit;
import dev.tollgate.core.credit.Burn;
import dev.tollgate.core.credit.BurnSource;
import dev.tollgate.core.credit.DeductionEngine;
import dev.tollgate.core.credit.Denomination;
import dev.tollgate.core.credit.Grant;
import dev.tollgate.core.credit.GrantClass;
import dev.tollgate.core.credit.MeterScope;
import dev.tollgate.core.credit.RatedCharge;
import dev.tollgate.core.credit.ShortfallPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random lives of one account — issue, burn, refund, expire, top up, pay postpaid from the wallet —
 * against a plain model of its grants and wallet. The journal must stay balanced and agree with
 * the model at every step.
 */
class LedgerProperties {
  static final String ACCOUNT = "acct";
  static final String METER = "m";
  static final LedgerUnit.Money USD = LedgerUnit.money("USD");
  static final Instant START = Instant.parse("2026-06-01T00:00:00Z");

  sealed interface Op {}

  record Issue(GrantClass grantClass, boolean units, long amount, int days) implements Op {}

  record Burn(long units, long amountNanos, boolean postpaid, boolean settle) implements Op {}

  record Refund(int pick) implements Op {}

  record Expire(int pick) implements Op {}

  record TopUp(long amountNanos) implements Op {}

  record PayPostpaidFromWallet(long amountNanos) implements Op {}

  @Provide
  Arbitrary<List<Op>> lives() {
    var amounts = Arbitraries.oneOf(Arbitraries.longs().between(1, 50), Arbitraries.longs().between(1, 1_000_000_000_000L));
    Arbitrary<Op> issue =
        Combinators.combine(Arbitraries.of(GrantClass.class), Arbitraries.of(true, false), amounts, Arbitraries.integers().between(1, 30))
            .as(Issue::new);
    Arbitrary<Op> burn =
        Combinators.combine(amounts.injectNull(0.1), amounts.injectNull(0.1), Arbitraries.of(true, false), Arbitraries.of(true, false))
            .as((u, a, p, s) -> new Burn(u == null ? 0 : u, a == null ? 0 : a, p, s));
    Arbitrary<Op> refund = Arbitraries.integers().between(0, 20).map(Refund::new);
    Arbitrary<Op> expire = Arbitraries.integers().between(0, 20).map(Expire::new);
    Arbitrary<Op> topUp = amounts.map(TopUp::new);
    Arbitrary<Op> pay = amounts.map(PayPostpaidFromWallet::new);
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(3, issue),
            net.jqwik.api.Tuple.of(5, burn),
            net.jqwik.api.Tuple.of(1, refund),
            net.jqwik.api.Tuple.of(1, expire),
            net.jqwik.api.Tuple.of(2, topUp),
            net.jqwik.api.Tuple.of(1, pay))
        .list()
        .ofMinSize(1)
        .ofMaxSize(40);
  }

  @Property(tries = 1000)
  void theJournalStaysBalancedAndAgreesWithTheGrantsAndWalletItRecords(@ForAll("lives") List<Op> life) {
    var grants = new LinkedHashMap<String, Grant>();
    long wallet = 0;
    var journal = new ArrayList<JournalEntry>();
    Instant now = START;
    int seq = 0;

    for (Op op : life) {
      now = now.plusSeconds(60);
      String entryId = "e" + seq++;
      if (op instanceof Issue i) {
        String id = "g" + grants.size();
        var g =
            new Grant(
                id, i.grantClass(), i.units() ? Denomination.UNITS : Denomination.MONEY,
                i.units() ? MeterScope.meter(METER) : MeterScope.allMeters(), now,
                now.plus(Duration.ofDays(i.days())), Grant.PRIORITY_DEFAULT, now, i.amount(),
                i.amount(), false, false);
        grants.put(id, g);
        journal.add(JournalEntries.grantIssued(entryId, now, g, USD));
      } else if (op instanceof Burn b) {
        var credit = new AccountCredit(List.copyOf(grants.values()), wallet, b.postpaid(), true);
        var charge = new RatedCharge(METER, now, b.units(), b.amountNanos());
        // Settle books what nothing covers as debt; authorise (settle = false) would refuse it.
        var d =
            DeductionEngine.deduct(
                credit, charge, b.settle() ? ShortfallPolicy.BOOK_AS_WALLET_DEBT : ShortfallPolicy.REPORT);
        if (!d.fullyCovered()) {
          continue;
        }
        for (dev.tollgate.core.credit.Burn burn : d.burnsFrom(BurnSource.GRANT)) {
          grants.computeIfPresent(burn.grantId(), (id, g) -> g.after(burn));
        }
        wallet -= d.walletNanos();
        JournalEntries.usage(entryId, "req-" + seq, ACCOUNT, USD, d).ifPresent(journal::add);
      } else if (op instanceof Refund r && !grants.isEmpty()) {
        var g = pick(grants, r.pick());
        if (!g.voided()) {
          JournalEntries.refund(entryId, now, g, USD).ifPresent(journal::add);
          grants.put(g.id(), g.asVoided());
        }
      } else if (op instanceof Expire x && !grants.isEmpty()) {
        var g = pick(grants, x.pick());
        if (!g.voided() && g.remaining() > 0) {
          // Time travel to the expiry; later burns happen at "now" and cannot reach it anyway.
          JournalEntries.expiry(entryId, g.expiresAt(), g, USD).ifPresent(journal::add);
          grants.put(g.id(), g.withRemaining(0));
        }
      } else if (op instanceof TopUp t) {
        journal.add(
            JournalEntries.topUp(entryId, now, "order-" + seq, ACCOUNT, USD, t.amountNanos(), LedgerAccount.payments("stripe")));
        wallet += t.amountNanos();
      } else if (op instanceof PayPostpaidFromWallet p && wallet > 0) {
        long take = Math.min(wallet, p.amountNanos());
        journal.add(JournalEntries.walletDebit(entryId, now, "hour", ACCOUNT, USD, take));
        wallet -= take;
      }

      var balances = Balances.of(journal);
      assertEveryEntryBalances(journal);
      assertThat(balances.byAccountUnit()).isEqualTo(naiveSums(journal));
      for (Grant g : grants.values()) {
        long ledger = balances.of(LedgerAccount.grant(g.id()), JournalEntries.unitOf(g, USD));
        assertThat(ledger).isEqualTo(g.remaining()).isNotNegative();
      }
      assertThat(balances.of(LedgerAccount.wallet(ACCOUNT), USD)).isEqualTo(wallet);
      assertThat(balances.total(USD)).isZero();
      assertThat(balances.total(LedgerUnit.meterUnits(METER))).isZero();
    }
  }

  private static Grant pick(Map<String, Grant> grants, int pick) {
    return new ArrayList<>(grants.values()).get(pick % grants.size());
  }

  private static void assertEveryEntryBalances(List<JournalEntry> journal) {
    for (JournalEntry e : journal) {
      var perUnit = new HashMap<LedgerUnit, Long>();
      e.postings().forEach(p -> perUnit.merge(p.unit(), p.amount(), Long::sum));
      assertThat(e.postings()).isNotEmpty();
      assertThat(perUnit.values()).allMatch(sum -> sum == 0);
    }
  }

  /** The balances, summed the obvious way, to check {@link Balances} against. */
  private static Map<Balances.Key, Long> naiveSums(List<JournalEntry> journal) {
    var sums = new HashMap<Balances.Key, Long>();
    for (JournalEntry e : journal) {
      for (Posting p : e.postings()) {
        var key = new Balances.Key(p.account(), p.unit());
        sums.put(key, sums.getOrDefault(key, 0L) + p.amount());
      }
    }
    return sums;
  }
}
