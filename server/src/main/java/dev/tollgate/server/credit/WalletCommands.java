package dev.tollgate.server.credit;

import dev.tollgate.core.ledger.JournalEntries;
import dev.tollgate.core.ledger.JournalEntry;
import dev.tollgate.core.ledger.LedgerAccount;
import dev.tollgate.core.ledger.Posting;
import dev.tollgate.server.accounts.AccountCommands;
import dev.tollgate.server.ledger.Booking;
import dev.tollgate.server.ledger.JournalStore;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Operator credits and debits of a wallet, idempotent by key. Under the account's row lock: look
 * the key up (a retry returns the first result), check the balance, then write the movement, its
 * entry and the new balance once.
 */
@Service
public class WalletCommands {
  /** Operator movements are booked against this adjustment account (ledger README). */
  static final LedgerAccount OPERATOR = LedgerAccount.adjustment("operator");

  private final CreditStore credit;
  private final WalletStore wallets;
  private final JournalStore journal;
  private final InstantSource clock;

  public WalletCommands(CreditStore credit, WalletStore wallets, JournalStore journal, InstantSource clock) {
    this.credit = credit;
    this.wallets = wallets;
    this.journal = journal;
    this.clock = clock;
  }

  /** The movement, and whether this call made it (false: an identical earlier request did). */
  public record Moved(WalletStore.Movement movement, boolean created) {}

  @Transactional
  public Moved move(String accountId, WalletRequest request) {
    Instant now = clock.instant();
    LockedCredit locked = credit.lockAndLoad(accountId, now)
        .orElseThrow(() -> AccountCommands.accountNotFound(accountId));
    var earlier = wallets.findByKey(locked.rootId(), accountId, request.idempotencyKey());
    if (earlier.isPresent()) {
      if (!earlier.get().requestDigest().equals(request.digest())) {
        throw CreditRejection.IDEMPOTENCY_KEY_MISMATCH.exception("idempotencyKey");
      }
      return new Moved(earlier.get(), false);
    }
    long balance = locked.credit().walletBalanceNanos();
    long delta = request.direction() == WalletRequest.Direction.CREDIT ? request.amountNanos() : -request.amountNanos();
    long after;
    try {
      after = Math.addExact(balance, delta);
    } catch (ArithmeticException overflow) {
      throw CreditRejection.BALANCE_OUT_OF_RANGE.exception("amount");
    }
    if (request.direction() == WalletRequest.Direction.DEBIT && after < 0) {
      throw CreditRejection.INSUFFICIENT_CREDIT.exception("amount");
    }

    String id = "wm_" + UUID.randomUUID();
    JournalEntry entry = request.direction() == WalletRequest.Direction.CREDIT
        ? JournalEntries.topUp("je_" + id, now, id, accountId, locked.unit(), request.amountNanos(), OPERATOR)
        // Core has no operator-debit kind yet; a debit is an explicit correction of the wallet
        // against the same adjustment account, referencing the movement.
        : JournalEntries.correction("je_" + id, now, id, List.of(
            new Posting(LedgerAccount.wallet(accountId), locked.unit(), -request.amountNanos()),
            new Posting(OPERATOR, locked.unit(), request.amountNanos())));
    var movement = new WalletStore.Movement(
        locked.rootId(), id, accountId, request.direction().code(), request.amountNanos(), request.reason(),
        request.idempotencyKey(), request.digest(), entry.id(), after, now);
    wallets.insert(movement);
    journal.append(List.of(new Booking(locked.rootId(), accountId, entry)), now);
    credit.addToWallets(Map.of(new CreditStore.WalletKey(locked.rootId(), accountId), delta), now);
    return new Moved(movement, true);
  }
}
