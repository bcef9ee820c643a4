package dev.tollgate.server.codes;

import dev.tollgate.core.accounts.BillingMode;
import dev.tollgate.core.ledger.JournalEntries;
import dev.tollgate.core.ledger.JournalEntry;
import dev.tollgate.core.ledger.LedgerAccount;
import dev.tollgate.server.accounts.Account;
import dev.tollgate.server.accounts.AccountCommands;
import dev.tollgate.server.accounts.AccountStore;
import dev.tollgate.server.credit.CreditStore;
import dev.tollgate.server.credit.LockedCredit;
import dev.tollgate.server.credit.packages.Purchase;
import dev.tollgate.server.credit.packages.PurchaseCommands;
import dev.tollgate.server.http.ApiException;
import dev.tollgate.server.ledger.Booking;
import dev.tollgate.server.ledger.JournalStore;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Code writes. A redemption locks the code's row first (so racing redemptions of one code queue
 * there and the use count is exact), then the account's row (so its wallet changes like any other
 * credit), checks the refusal ladder of {@link CodeRejection}, and only then writes the
 * redemption, the use count, the journal entry and the wallet, in one transaction.
 */
@Service
class CodeCommands {
  /** Balance codes are promotional money: booked against this adjustment account (ledger README). */
  static final LedgerAccount PROMOTION = LedgerAccount.adjustment("promotion");

  private final CodeStore codes;
  private final PurchaseCommands purchases;
  private final AccountStore accounts;
  private final CreditStore credit;
  private final JournalStore journal;
  private final JdbcClient jdbc;
  private final SecureRandom random;
  private final InstantSource clock;

  CodeCommands(
      CodeStore codes, AccountStore accounts, CreditStore credit, JournalStore journal, PurchaseCommands purchases,
      JdbcClient jdbc, SecureRandom random, InstantSource clock) {
    this.purchases = purchases;
    this.codes = codes;
    this.accounts = accounts;
    this.credit = credit;
    this.journal = journal;
    this.jdbc = jdbc;
    this.random = random;
    this.clock = clock;
  }

  record Created(String batchId, List<String> codes, List<StoredCode> stored) {}

  @Transactional
  Created create(CodeRequest r) {
    Instant now = clock.instant();
    String batchId = "rcb_" + UUID.randomUUID();
    var texts = new ArrayList<String>(r.count());
    var stored = new ArrayList<StoredCode>(r.count());
    for (int i = 0; i < r.count(); i++) {
      String text = CodeFormat.issue(random);
      String normalised = CodeFormat.normalise(text).orElseThrow();
      StoredCode c = new StoredCode(
          "rc_" + UUID.randomUUID(), batchId, r.kind().code(), r.amountNanos(), r.currency(), r.planId(),
          r.packageId(), r.days(), r.maxRedemptions(), r.perAccountLimit(), 0, r.expiresAt(), r.description(),
          CodeFormat.prefixOf(normalised), true, null, now, now);
      codes.insert(c, CodeFormat.sha256(normalised));
      texts.add(text);
      stored.add(c);
    }
    return new Created(batchId, texts, stored);
  }

  @Transactional
  StoredCode setEnabled(String id, boolean enabled) {
    StoredCode c = codes.find(id).filter(s -> s.deletedAt() == null).orElseThrow(() -> codeNotFound(id));
    codes.setEnabled(id, enabled, clock.instant());
    return codes.find(id).orElseThrow();
  }

  /** Soft: the row and its redemptions stay; the code can no longer be redeemed. Twice is fine. */
  @Transactional
  void delete(String id) {
    codes.find(id).orElseThrow(() -> codeNotFound(id));
    codes.markDeleted(id, clock.instant());
  }

  /** What a redemption gave. */
  /** A redemption: money added to the wallet (balance codes), or a package given (package codes). */
  record Redeemed(String redemptionId, String accountId, long amountNanos, String currency, Long walletNanos,
      String purchaseId, List<String> grantIds) {}

  @Transactional
  Redeemed redeem(String accountId, String presented) {
    Instant now = clock.instant();
    Account account = accounts.find(accountId).orElseThrow(() -> AccountCommands.accountNotFound(accountId));
    String normalised = CodeFormat.normalise(presented).orElseThrow(CodeRejection.CODE_INVALID::exception);
    StoredCode code = codes.lockByHash(CodeFormat.sha256(normalised))
        .filter(c -> c.deletedAt() == null)
        .orElseThrow(CodeRejection.CODE_INVALID::exception);
    if (!code.enabled()) {
      throw CodeRejection.CODE_DISABLED.exception();
    }
    if (code.expiresAt() != null && !now.isBefore(code.expiresAt())) {
      throw CodeRejection.CODE_EXPIRED.exception();
    }
    if (code.redeemedCount() >= code.maxRedemptions()) {
      throw CodeRejection.CODE_EXHAUSTED.exception();
    }
    // The code's row lock serialises every redemption of this code, so this count cannot race.
    if (codes.countRedemptions(code.id(), accountId) >= code.perAccountLimit()) {
      throw CodeRejection.CODE_LIMIT_REACHED.exception();
    }
    BillingMode mode = account.billingMode() != null ? account.billingMode() : platformMode();
    if (!makesSenseIn(code.kind(), mode)) {
      throw CodeRejection.CODE_NOT_FOR_MODE.exception(code.kind() + " codes in " + mode.code() + " mode");
    }
    if (code.kind().equals("package") || code.kind().equals("plan")) {
      String id = "rd_" + UUID.randomUUID();
      Purchase given = code.kind().equals("plan")
          ? purchases.givePlanForCode(accountId, code.planId(), code.days(), id)
          : purchases.giveForCode(accountId, code.packageId(), id);
      codes.insertRedemption(new CodeStore.Redemption(
          account.rootId(), id, code.id(), accountId, code.kind(), null, null, null, now));
      return new Redeemed(id, accountId, 0, account.currency(), null, given.id(), given.grantIds());
    }
    if (!code.currency().equals(account.currency())) {
      throw CodeRejection.CODE_CURRENCY_MISMATCH.exception(code.currency() + " code, " + account.currency() + " account");
    }
    LockedCredit locked = credit.lockAndLoad(accountId, now).orElseThrow(() -> AccountCommands.accountNotFound(accountId));
    long after;
    try {
      after = Math.addExact(locked.credit().walletBalanceNanos(), code.amountNanos());
    } catch (ArithmeticException overflow) {
      throw new ApiException(org.springframework.http.HttpStatus.CONFLICT, "balance_out_of_range",
          "the wallet cannot hold this much");
    }

    String id = "rd_" + UUID.randomUUID();
    JournalEntry entry = JournalEntries.topUp(
        "je_" + id, now, id, accountId, locked.unit(), code.amountNanos(), PROMOTION);
    codes.insertRedemption(new CodeStore.Redemption(
        locked.rootId(), id, code.id(), accountId, code.kind(), code.amountNanos(), code.currency(), entry.id(), now));
    journal.append(List.of(new Booking(locked.rootId(), accountId, entry)), now);
    credit.addToWallets(Map.of(new CreditStore.WalletKey(locked.rootId(), accountId), code.amountNanos()), now);
    return new Redeemed(id, accountId, code.amountNanos(), code.currency(), after, null, List.of());
  }

  /**
   * Seed 003: self mode records usage and charges nothing, so no entitlement means anything there;
   * a plan is period billing's; balance and packages are spent in usage and period mode alike
   * (period mode falls back to the balance).
   */
  static boolean makesSenseIn(String kind, BillingMode mode) {
    return switch (mode) {
      case SELF -> false;
      case PERIOD -> true;
      case USAGE -> !kind.equals("plan");
    };
  }

  private BillingMode platformMode() {
    return jdbc.sql("SELECT billing_mode FROM billing_settings WHERE id = 1")
        .query(String.class)
        .optional()
        .flatMap(BillingMode::fromCode)
        .orElse(BillingMode.USAGE);
  }

  static ApiException codeNotFound(String id) {
    return ApiException.notFound("code_not_found", "no redemption code with id '" + id + "'");
  }
}
