package dev.tollgate.server.credit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.credit.AccountCredit;
import dev.tollgate.core.credit.Burn;
import dev.tollgate.core.credit.BurnSource;
import dev.tollgate.core.credit.Deduction;
import dev.tollgate.core.credit.DeductionEngine;
import dev.tollgate.core.credit.Denomination;
import dev.tollgate.core.credit.Grant;
import dev.tollgate.core.credit.RatedCharge;
import dev.tollgate.core.credit.ShortfallPolicy;
import dev.tollgate.core.ledger.JournalEntries;
import dev.tollgate.server.accounts.AccountCommands;
import dev.tollgate.server.clock.TollgateClock;
import dev.tollgate.server.ledger.Booking;
import dev.tollgate.server.ledger.JournalStore;
import dev.tollgate.server.ledger.Reconciliation;
import dev.tollgate.server.support.ServerTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.node.JsonNodeFactory;

/** The store API that settle calls, straight against the database. */
class CreditStoreTest extends ServerTest {
  private static final Instant NOW = Instant.parse("2026-11-15T12:00:00Z");
  private static final String IMAGES = "image-style-transfer";
  private static final String CHAT = "gpt-4o";

  @Autowired CreditStore credit;
  @Autowired JournalStore journal;
  @Autowired Reconciliation reconciliation;
  @Autowired GrantCommands grants;
  @Autowired WalletCommands wallets;
  @Autowired AccountCommands accounts;
  @Autowired TransactionTemplate tx;
  @Autowired TollgateClock clock;

  @BeforeEach
  void atNow() {
    clock.set(NOW);
  }

  @AfterEach
  void backToTheSystemClock() {
    clock.reset();
  }

  private String account(String prefix) {
    String id = uniqueId(prefix);
    accounts.create(new AccountCommands.NewAccount(id, prefix, null, "USD", "UTC"));
    return id;
  }

  private void grant(String account, String kind, String denomination, List<String> meters, String amount,
      Instant effectiveAt, Instant expiresAt, int priority) {
    var request = GrantRequest.check(kind, denomination, meters, JsonNodeFactory.instance.stringNode(amount),
        effectiveAt, expiresAt, priority, false, null);
    grants.issue(account, request, "test", null);
  }

  private void topUp(String account, String amount) {
    wallets.move(account, WalletRequest.check(WalletRequest.Direction.CREDIT, amount, "test", UUID.randomUUID().toString()));
  }

  /** Settles charges of one account in one transaction, the way the hot path will. */
  private List<Deduction> settle(String account, List<RatedCharge> charges) {
    return tx.execute(status -> {
      Instant notBefore = charges.stream().map(RatedCharge::occurredAt).min(Instant::compareTo).orElseThrow();
      LockedCredit locked = credit.lockAndLoad(List.of(account), notBefore).get(account);
      AccountCredit current = locked.credit();
      var deductions = new ArrayList<AccountDeduction>();
      var bookings = new ArrayList<Booking>();
      for (RatedCharge charge : charges) {
        AccountCredit at = new AccountCredit(current.grants(), current.walletBalanceNanos(), current.postpaidEnabled(),
            CreditStore.editionActiveAt(current.grants(), charge.occurredAt()));
        Deduction d = DeductionEngine.deduct(at, charge, ShortfallPolicy.BOOK_AS_WALLET_DEBT);
        deductions.add(new AccountDeduction(locked.rootId(), account, d));
        String request = "req_" + UUID.randomUUID();
        JournalEntries.usage("je_" + request, request, account, locked.unit(), d)
            .ifPresent(e -> bookings.add(new Booking(locked.rootId(), account, e)));
        current = after(current, d);
      }
      journal.append(bookings, NOW);
      credit.apply(deductions, NOW);
      return deductions.stream().map(AccountDeduction::deduction).toList();
    });
  }

  private static AccountCredit after(AccountCredit credit, Deduction d) {
    List<Grant> grants = new ArrayList<>(credit.grants());
    for (Burn b : d.burnsFrom(BurnSource.GRANT)) {
      grants.replaceAll(g -> g.id().equals(b.grantId()) ? g.after(b) : g);
    }
    return new AccountCredit(grants, credit.walletBalanceNanos() - d.walletNanos(), credit.postpaidEnabled(),
        credit.editionActive());
  }

  @Test
  void loadsAnAccountsCreditAndStoresWhatACallBurnt() {
    String studio = account("studio");
    grant(studio, "free", "units", List.of(IMAGES), "50", null, null, 50);
    grant(studio, "trial", "money", null, "1.00", null, null, 50);
    topUp(studio, "10");

    LockedCredit loaded = tx.execute(s -> credit.lockAndLoad(studio, NOW).orElseThrow());
    assertThat(loaded.currency()).isEqualTo("USD");
    assertThat(loaded.credit().grants()).hasSize(2);
    assertThat(loaded.credit().walletBalanceNanos()).isEqualTo(10_000_000_000L);

    // "60 pictures at 0.02 USD, 50 free pictures left": the free pictures pay 50, the trial the rest.
    Deduction d = settle(studio, List.of(new RatedCharge(IMAGES, NOW, 60, 1_200_000_000L))).get(0);
    assertThat(d.burns()).extracting(Burn::denomination).containsExactly(Denomination.UNITS, Denomination.MONEY);

    AccountCredit after = tx.execute(s -> credit.lockAndLoad(studio, NOW).orElseThrow()).credit();
    // The exhausted free pictures are no longer loaded; the trial kept 1.00 - 0.20.
    assertThat(after.grants()).extracting(Grant::remaining).containsExactly(800_000_000L);
    assertThat(after.walletBalanceNanos()).isEqualTo(10_000_000_000L);
    assertThat(reconciliation.run(loaded.rootId()).balanced()).isTrue();
  }

  @Test
  void booksWhatNothingCoveredAsAWalletDebt() {
    String acme = account("debt");
    topUp(acme, "1");
    settle(acme, List.of(new RatedCharge(CHAT, NOW, 1000, 3_000_000_000L)));
    LockedCredit after = tx.execute(s -> credit.lockAndLoad(acme, NOW).orElseThrow());
    assertThat(after.credit().walletBalanceNanos()).isEqualTo(-2_000_000_000L);
    assertThat(reconciliation.run(after.rootId()).balanced()).isTrue();
  }

  @Test
  void refusesToBurnAGrantThatIsNotThere() {
    String acme = account("ghost");
    var charge = new RatedCharge(CHAT, NOW, 1, 5);
    var burn = new Burn(BurnSource.GRANT, "g_missing", Denomination.MONEY, 1, 5);
    var deduction = new Deduction(charge, List.of(burn), 0, 0);
    assertThatThrownBy(() -> tx.executeWithoutResult(
        s -> credit.apply(List.of(new AccountDeduction(acme, acme, deduction)), NOW)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void loadsNothingForAnUnknownAccount() {
    Map<String, LockedCredit> loaded = tx.execute(s -> credit.lockAndLoad(List.of("nobody-" + UUID.randomUUID()), NOW));
    assertThat(loaded).isEmpty();
  }

  /** Property: whatever the grants and charges, the caches stay equal to the journal. */
  @Test
  void keepsTheLedgerBalancedOverTwoHundredRandomSettleSequences() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    for (int sequence = 0; sequence < 200; sequence++) {
      String acme = account("prop");
      int grantCount = random.nextInt(5);
      for (int i = 0; i < grantCount; i++) {
        String kind = List.of("free", "trial", "edition", "prepaid", "promo").get(random.nextInt(5));
        Instant effective = NOW.minus(Duration.ofDays(random.nextInt(20)));
        Instant expires = random.nextBoolean() ? null : NOW.plus(Duration.ofDays(1 + random.nextInt(20)));
        if (random.nextInt(3) == 0) {
          grant(acme, kind, "units", List.of(IMAGES), Integer.toString(1 + random.nextInt(100)), effective, expires,
              random.nextInt(100));
        } else {
          grant(acme, kind, "money", random.nextBoolean() ? null : List.of(CHAT),
              (1 + random.nextInt(5)) + "." + random.nextInt(100), effective, expires, random.nextInt(100));
        }
      }
      if (random.nextBoolean()) {
        topUp(acme, Integer.toString(1 + random.nextInt(10)));
      }
      int batches = 1 + random.nextInt(3);
      for (int b = 0; b < batches; b++) {
        var charges = new ArrayList<RatedCharge>();
        int calls = 1 + random.nextInt(6);
        for (int c = 0; c < calls; c++) {
          String meter = random.nextBoolean() ? IMAGES : CHAT;
          Instant at = NOW.minus(Duration.ofHours(random.nextInt(24 * 25)));
          charges.add(new RatedCharge(meter, at, random.nextInt(40), random.nextInt(3) == 0 ? 0
              : random.nextLong(3_000_000_000L)));
        }
        settle(acme, charges);
      }
      String root = acme;
      Reconciliation.Result result = reconciliation.run(root);
      assertThat(result.balanced()).as("seed %d, sequence %d: %s", seed, sequence, result.mismatches()).isTrue();
    }
  }

  @Test
  void addsToSeveralWalletsInOneStatement() {
    String a = account("wa");
    String b = account("wb");
    tx.executeWithoutResult(s -> credit.addToWallets(
        Map.of(new CreditStore.WalletKey(a, a), 5L, new CreditStore.WalletKey(b, b), -7L), NOW));
    var loaded = tx.execute(s -> credit.lockAndLoad(List.of(a, b), NOW));
    assertThat(loaded.get(a).credit().walletBalanceNanos()).isEqualTo(5);
    assertThat(loaded.get(b).credit().walletBalanceNanos()).isEqualTo(-7);
    // No journal behind these: reconciliation must notice.
    assertThat(reconciliation.run(a).balanced()).isFalse();
    tx.executeWithoutResult(s -> credit.addToWallets(
        Map.of(new CreditStore.WalletKey(a, a), -5L, new CreditStore.WalletKey(b, b), 7L), NOW));
    assertThat(reconciliation.run(a).balanced()).isTrue();
  }
}
