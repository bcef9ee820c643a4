package dev.tollgate.server.credit.packages;

import dev.tollgate.core.credit.Grant;
import dev.tollgate.core.credit.GrantClass;
import dev.tollgate.core.credit.packages.AllowancePeriods;
import dev.tollgate.core.credit.packages.Edition;
import dev.tollgate.core.credit.packages.EditionRules;
import dev.tollgate.core.credit.packages.PackageKind;
import dev.tollgate.core.credit.packages.RefundRule;
import dev.tollgate.core.credit.packages.Validity;
import dev.tollgate.core.ledger.JournalEntries;
import dev.tollgate.core.ledger.LedgerAccount;
import dev.tollgate.core.ledger.LedgerUnit;
import dev.tollgate.server.accounts.Account;
import dev.tollgate.server.accounts.AccountCommands;
import dev.tollgate.server.accounts.AccountStore;
import dev.tollgate.server.credit.CreditStore;
import dev.tollgate.server.credit.GrantStore;
import dev.tollgate.server.credit.LockedCredit;
import dev.tollgate.server.credit.StoredGrant;
import dev.tollgate.server.ledger.Booking;
import dev.tollgate.server.ledger.JournalStore;
import dev.tollgate.server.http.ApiException;
import java.time.Instant;
import java.time.InstantSource;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Buys, refunds, upgrades and renews packages with wallet money. Every command locks the buying
 * account's row first ({@link CreditStore#lockAndLoad}, the same lock the settle path takes), then
 * answers a replayed idempotency key, then checks everything, then writes once: the purchase, what
 * it gives (grants, an edition, concurrency slots), the journal entries and the wallet balance.
 */
@Service
public class PurchaseCommands {
  private final AccountStore accounts;
  private final PlanStore plans;
  private final CreditStore credit;
  private final GrantStore grants;
  private final PackageStore packages;
  private final PurchaseStore purchases;
  private final JournalStore journal;
  private final InstantSource clock;

  PurchaseCommands(AccountStore accounts, CreditStore credit, GrantStore grants, PackageStore packages,
      PurchaseStore purchases, PlanStore plans, JournalStore journal, InstantSource clock) {
    this.plans = plans;
    this.accounts = accounts;
    this.credit = credit;
    this.grants = grants;
    this.packages = packages;
    this.purchases = purchases;
    this.journal = journal;
    this.clock = clock;
  }

  /** The purchase, and whether this call made it (false: an identical earlier request did). */
  public record Done(Purchase purchase, boolean created) {}

  @Transactional
  public Done buy(String accountId, PurchaseRequest request) {
    Account account = account(accountId);
    CatalogPackage pkg = packageOf(request.target());
    Instant now = clock.instant();
    LockedCredit locked = lock(accountId, now);
    var earlier = replay(account, request);
    if (earlier != null) {
      return earlier;
    }
    sellable(pkg, account);
    if (pkg.kind() == PackageKind.EDITION && request.quantity() != 1) {
      throw PackageRejection.QUANTITY_INVALID.exception("quantity");
    }
    long price = times(pkg.priceNanos(), request.quantity(), "quantity");
    long amount = pkg.amount() == null ? 0 : times(pkg.amount(), request.quantity(), "quantity");
    List<Edition> editions = purchases.editions(account.rootId(), accountId).stream()
        .map(PurchaseStore.EditionRow::edition).toList();
    if (pkg.kind() == PackageKind.ADDON && !EditionRules.addOnPurchasable(editions, now)) {
      throw PackageRejection.EDITION_NOT_ACTIVE.exception("packageId");
    }
    pay(locked, price);
    return issue(account, pkg, request.quantity(), amount, price, "purchase", pkg.refundableDays(),
        request.idempotencyKey(), request.digest(), now, null);
  }

  /**
   * A package given by a redemption code (seed 003): held exactly like a purchase, bought for
   * nothing, not refundable. The caller holds the code's lock and has checked the code.
   */
  @Transactional
  public Purchase giveForCode(String accountId, String packageId, String redemptionId) {
    return give(accountId, packageOf(packageId), null, redemptionId);
  }

  /**
   * A plan given by a redemption code "for N days" (seed 003): the plan's edition for {@code days}
   * (its own interval when null), at no charge.
   */
  @Transactional
  public Purchase givePlanForCode(String accountId, String planId, Integer days, String redemptionId) {
    Plan plan = plans.find(planId).orElseThrow(() -> ApiException.notFound("plan_not_found", "no plan with id '" + planId + "'"));
    return give(accountId, plan.pkg(), days == null ? null : Period.ofDays(days), redemptionId);
  }

  private Purchase give(String accountId, CatalogPackage pkg, Period validity, String redemptionId) {
    Account account = account(accountId);
    Instant now = clock.instant();
    lock(accountId, now);
    sellable(pkg, account);
    List<Edition> editions = purchases.editions(account.rootId(), accountId).stream()
        .map(PurchaseStore.EditionRow::edition).toList();
    if (pkg.kind() == PackageKind.ADDON && !EditionRules.addOnPurchasable(editions, now)) {
      throw PackageRejection.EDITION_NOT_ACTIVE.exception("packageId");
    }
    long amount = pkg.amount() == null ? 0 : pkg.amount();
    return issue(account, pkg, 1, amount, 0, "code", 0, "code:" + redemptionId, "code:" + redemptionId, now, validity)
        .purchase();
  }

  /** Writes what a package gives: its grants, edition or slots, the purchase, the journal. */
  private Done issue(Account account, CatalogPackage pkg, int quantity, long amount, long price, String purpose,
      int refundableDays, String idempotencyKey, String digest, Instant now, Period validityOverride) {
    ZoneId zone = ZoneId.of(account.timezone());
    Instant expiresAt = Validity.end(now, validityOverride != null ? validityOverride : pkg.validity(), zone);
    String id = "pur_" + UUID.randomUUID();
    var writes = new Writes(account, id, now);
    switch (pkg.kind()) {
      case PREPAID, ADDON -> writes.grant(pkg, GrantClass.PREPAID, amount, now, expiresAt, pkg.kind() == PackageKind.ADDON, null);
      case EDITION -> writes.edition(pkg, now, expiresAt, zone);
      case CONCURRENCY -> purchases.insertConcurrency(account.rootId(), new PurchaseStore.ConcurrencyRow(
          "cc_" + UUID.randomUUID(), account.id(), pkg.id(), id, pkg.meters(),
          Math.multiplyExact(pkg.concurrency(), quantity), pkg.exclusive(), now, expiresAt));
    }
    Purchase p = new Purchase(account.rootId(), id, account.id(), pkg.id(), pkg.kind(), purpose, null,
        quantity, price, pkg.currency(), refundableDays, writes.grantIds, idempotencyKey, digest, now, expiresAt,
        Purchase.ACTIVE, null, false);
    return writes.commit(p, pkg.kind());
  }

  /**
   * Refunds a purchase when {@link RefundRule} allows: within its refundable days, once, and none
   * of its credit burnt. "Unused" is read under the account's row lock, the lock settle holds while
   * it burns, so a refund and a burn of one package never both succeed.
   */
  @Transactional
  public Purchase refund(String purchaseId) {
    Purchase seen = purchases.find(purchaseId).orElseThrow(() -> PackageRejection.PURCHASE_NOT_FOUND.exception());
    Instant now = clock.instant();
    LockedCredit locked = lock(seen.accountId(), now);
    Purchase p = purchases.find(purchaseId).orElseThrow();
    List<StoredGrant> given = grants.byIds(p.rootId(), p.grantIds());
    boolean unused = given.stream().allMatch(g -> !g.grant().voided() && g.grant().remaining() == g.grant().amount());
    if (!RefundRule.allows(p.purchasedAt(), p.refundableDays(), unused, p.refunded(), now)) {
      throw PackageRejection.REFUND_NOT_ALLOWED.exception();
    }
    LedgerUnit.Money currency = locked.unit();
    var bookings = new ArrayList<Booking>();
    for (StoredGrant g : given) {
      JournalEntries.refund("je_rf_" + g.id(), now, g.grant(), currency, LedgerAccount.parse(g.fundedBy()))
          .ifPresent(e -> bookings.add(new Booking(p.rootId(), p.accountId(), e)));
    }
    if (p.amountNanos() > 0) {
      bookings.add(new Booking(p.rootId(), p.accountId(), JournalEntries.purchaseRefund(
          "je_prf_" + p.id(), now, p.id(), p.accountId(), currency, p.amountNanos(), p.kind().code())));
    }
    purchases.voidHoldings(p.rootId(), p, now);
    purchases.markRefunded(p.rootId(), p.id(), now);
    journal.append(bookings, now);
    // addToWallets drops zero moves (a free package).
    credit.addToWallets(Map.of(new CreditStore.WalletKey(p.rootId(), p.accountId()), p.amountNanos()), now);
    return purchases.find(purchaseId).orElseThrow();
  }

  /**
   * Upgrades the edition in effect to a higher one: effective now, ending when the replaced one
   * ends (seed 000: "the expiry time remains unchanged"). The price is the difference between the
   * two packages' current list prices, never below zero; the replaced edition stays as it was and
   * simply ranks lower. Upgrades are not refundable.
   */
  @Transactional
  public Done upgrade(String accountId, PurchaseRequest request) {
    Account account = account(accountId);
    CatalogPackage pkg = packageOf(request.target());
    if (pkg.kind() != PackageKind.EDITION) {
      throw PackageRejection.PACKAGE_NOT_EDITION.exception("packageId");
    }
    Instant now = clock.instant();
    LockedCredit locked = lock(accountId, now);
    var earlier = replay(account, request);
    if (earlier != null) {
      return earlier;
    }
    sellable(pkg, account);
    List<PurchaseStore.EditionRow> rows = purchases.editions(account.rootId(), accountId);
    var outcome = EditionRules.upgrade(rows.stream().map(PurchaseStore.EditionRow::edition).toList(), pkg.rank(), now);
    if (outcome instanceof EditionRules.Refused r) {
      throw (r.reason() == EditionRules.UpgradeRefusal.NO_EDITION
          ? PackageRejection.EDITION_NOT_ACTIVE : PackageRejection.UPGRADE_NOT_HIGHER).exception("packageId");
    }
    var upgraded = (EditionRules.Upgraded) outcome;
    String replacedPackage = rows.stream().filter(e -> e.id().equals(upgraded.replaced().id())).findFirst()
        .orElseThrow().packageId();
    long replacedPrice = packages.find(replacedPackage).map(CatalogPackage::priceNanos).orElse(0L);
    long price = Math.max(0, pkg.priceNanos() - replacedPrice);
    pay(locked, price);

    String id = "pur_" + UUID.randomUUID();
    var writes = new Writes(account, id, now);
    writes.edition(pkg, now, upgraded.expiresAt(), ZoneId.of(account.timezone()));
    Purchase p = new Purchase(account.rootId(), id, accountId, pkg.id(), pkg.kind(), "upgrade", null, 1, price,
        pkg.currency(), 0, writes.grantIds, request.idempotencyKey(), request.digest(), now, upgraded.expiresAt(),
        Purchase.ACTIVE, null, false);
    return writes.commit(p, pkg.kind());
  }

  /**
   * Renews an edition or concurrency package by hand: its expiry moves by the package's validity
   * from the current expiry, for the package's current price × quantity. The renewal is a purchase
   * of its own (purpose renewal, not refundable). Later months' allowances come from the
   * {@code period-allowances} job; the current period's allowance, cut at the old end, is stretched
   * to the next period's start. The {@code auto-renew} job renews flagged purchases through here.
   */
  @Transactional
  public Done renew(String accountId, PurchaseRequest request) {
    Account account = account(accountId);
    Instant now = clock.instant();
    LockedCredit locked = lock(accountId, now);
    var earlier = replay(account, request);
    if (earlier != null) {
      return earlier;
    }
    Purchase renewed = purchases.find(request.target())
        .filter(p -> p.accountId().equals(accountId))
        .orElseThrow(() -> PackageRejection.PURCHASE_NOT_FOUND.exception());
    if (renewed.kind() != PackageKind.EDITION && renewed.kind() != PackageKind.CONCURRENCY) {
      throw PackageRejection.RENEWAL_NOT_SUPPORTED.exception();
    }
    if (renewed.refunded() || !renewed.expiresAt().isAfter(now)) {
      throw PackageRejection.PURCHASE_NOT_ACTIVE.exception();
    }
    CatalogPackage pkg = packageOf(renewed.packageId());
    sellable(pkg, account);
    long price = times(pkg.priceNanos(), renewed.quantity(), "quantity");
    pay(locked, price);

    Instant expiresAt = Validity.end(renewed.expiresAt(), pkg.validity(), ZoneId.of(account.timezone()));
    String id = "pur_" + UUID.randomUUID();
    purchases.extend(account.rootId(), renewed.id(), expiresAt);
    if (renewed.kind() == PackageKind.EDITION) {
      purchases.stretchAllowance(account.rootId(), renewed.id(), renewed.expiresAt(), expiresAt);
    }
    Purchase p = new Purchase(account.rootId(), id, accountId, pkg.id(), pkg.kind(), "renewal", renewed.id(),
        renewed.quantity(), price, pkg.currency(), 0, List.of(), request.idempotencyKey(), request.digest(), now,
        expiresAt, Purchase.ACTIVE, null, false);
    return new Writes(account, id, now).commit(p, pkg.kind());
  }

  /**
   * Sets whether the purchase renews itself at expiry: the {@code auto-renew} job renews it through
   * {@link #renew} shortly before it expires ({@link AutoRenewJob#LEAD}).
   */
  @Transactional
  public Purchase setAutoRenew(String accountId, String purchaseId, boolean autoRenew) {
    Account account = account(accountId);
    lock(accountId, clock.instant());
    Purchase p = purchases.find(purchaseId).filter(x -> x.accountId().equals(accountId))
        .orElseThrow(() -> PackageRejection.PURCHASE_NOT_FOUND.exception());
    if (p.kind() != PackageKind.EDITION && p.kind() != PackageKind.CONCURRENCY) {
      throw PackageRejection.RENEWAL_NOT_SUPPORTED.exception("autoRenew");
    }
    purchases.setAutoRenew(account.rootId(), purchaseId, autoRenew);
    return purchases.find(purchaseId).orElseThrow();
  }

  private Account account(String accountId) {
    return accounts.find(accountId).orElseThrow(() -> AccountCommands.accountNotFound(accountId));
  }

  private CatalogPackage packageOf(String id) {
    return packages.find(id).orElseThrow(() -> PackageRejection.PACKAGE_NOT_FOUND.exception("packageId"));
  }

  private LockedCredit lock(String accountId, Instant now) {
    return credit.lockAndLoad(accountId, now).orElseThrow(() -> AccountCommands.accountNotFound(accountId));
  }

  /** The first result of this key, or null when the key is new; another request → mismatch. */
  private Done replay(Account account, PurchaseRequest request) {
    var earlier = purchases.findByKey(account.rootId(), account.id(), request.idempotencyKey());
    if (earlier.isEmpty()) {
      return null;
    }
    if (!earlier.get().requestDigest().equals(request.digest())) {
      throw PackageRejection.IDEMPOTENCY_KEY_MISMATCH.exception("idempotencyKey");
    }
    return new Done(earlier.get(), false);
  }

  private static void sellable(CatalogPackage pkg, Account account) {
    if (!pkg.active()) {
      throw PackageRejection.PACKAGE_INACTIVE.exception("packageId");
    }
    if (!pkg.currency().equals(account.currency())) {
      throw PackageRejection.CURRENCY_MISMATCH.exception("packageId");
    }
  }

  private static long times(long value, int quantity, String field) {
    try {
      return Math.multiplyExact(value, quantity);
    } catch (ArithmeticException overflow) {
      throw PackageRejection.AMOUNT_OUT_OF_RANGE.exception(field);
    }
  }

  /** The wallet pays in full or not at all: a purchase never leaves a debt. */
  private static void pay(LockedCredit locked, long priceNanos) {
    if (locked.credit().walletBalanceNanos() < priceNanos) {
      throw PackageRejection.INSUFFICIENT_CREDIT.exception("packageId");
    }
  }

  /** The writes of one purchase, collected, then done at once by {@link #commit}. */
  private final class Writes {
    private final Account account;
    private final String purchaseId;
    private final Instant now;
    private final LedgerUnit.Money currency;
    private final List<Booking> bookings = new ArrayList<>();
    final List<String> grantIds = new ArrayList<>();

    Writes(Account account, String purchaseId, Instant now) {
      this.account = account;
      this.purchaseId = purchaseId;
      this.now = now;
      this.currency = LedgerUnit.money(account.currency());
    }

    void grant(CatalogPackage pkg, GrantClass grantClass, long amount, Instant from, Instant to, boolean addOn,
        Integer editionRank) {
      Grant g = new Grant("g_" + UUID.randomUUID(), grantClass, pkg.denomination(), pkg.scope(), from, to,
          Grant.PRIORITY_DEFAULT, now, amount, amount, addOn, false);
      LedgerAccount source = LedgerAccount.grantFunding(grantClass);
      grants.insert(new StoredGrant(account.rootId(), account.id(), g, JournalEntries.unitOf(g, currency).code(),
          source.code(), "purchase", purchaseId), null, null);
      if (editionRank != null) {
        purchases.rankGrant(account.rootId(), g.id(), editionRank);
      }
      bookings.add(new Booking(account.rootId(), account.id(), JournalEntries.grantIssued("je_" + g.id(), now, g, currency, source)));
      grantIds.add(g.id());
    }

    /**
     * An edition over {@code [from, to)} and its first period's allowance (to the edition's end if
     * sooner). The {@code period-allowances} job ({@link PeriodAllowancesJob}) issues the later ones.
     */
    void edition(CatalogPackage pkg, Instant from, Instant to, ZoneId zone) {
      Instant next = AllowancePeriods.start(from, 1, zone);
      purchases.insertEdition(account.rootId(), account.id(), new PurchaseStore.EditionRow(
          "ed_" + UUID.randomUUID(), pkg.id(), purchaseId, new Edition("new", pkg.rank(), from, to)),
          pkg.monthlyAllowance(), next);
      grant(pkg, GrantClass.EDITION, pkg.monthlyAllowance(), from, next.isBefore(to) ? next : to, false, pkg.rank());
    }

    Done commit(Purchase p, PackageKind kind) {
      if (p.amountNanos() > 0) {
        bookings.add(new Booking(account.rootId(), account.id(), JournalEntries.purchase(
            "je_pur_" + p.id(), now, p.id(), account.id(), currency, p.amountNanos(), kind.code())));
      }
      purchases.insert(p);
      journal.append(bookings, now);
      credit.addToWallets(Map.of(new CreditStore.WalletKey(account.rootId(), account.id()), -p.amountNanos()), now);
      return new Done(p, true);
    }
  }
}
