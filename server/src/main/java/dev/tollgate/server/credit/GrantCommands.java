package dev.tollgate.server.credit;

import dev.tollgate.core.credit.Grant;
import dev.tollgate.core.credit.GrantClass;
import dev.tollgate.core.ledger.JournalEntries;
import dev.tollgate.core.ledger.JournalEntry;
import dev.tollgate.core.ledger.LedgerAccount;
import dev.tollgate.core.ledger.LedgerUnit;
import dev.tollgate.server.accounts.Account;
import dev.tollgate.server.accounts.AccountCommands;
import dev.tollgate.server.accounts.AccountStore;
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
 * Issues grants: checks everything, then in one transaction inserts the grant, posts its {@code
 * grant_issued} entry and, for a team allocation, takes the amount from the root's wallet.
 */
@Service
public class GrantCommands {
  private final AccountStore accounts;
  private final CreditStore credit;
  private final GrantStore grants;
  private final JournalStore journal;
  private final InstantSource clock;

  public GrantCommands(
      AccountStore accounts, CreditStore credit, GrantStore grants, JournalStore journal, InstantSource clock) {
    this.accounts = accounts;
    this.credit = credit;
    this.grants = grants;
    this.journal = journal;
    this.clock = clock;
  }

  /** The grant, and whether this call issued it (false: an identical earlier request did). */
  public record Issued(StoredGrant grant, boolean created) {}

  @Transactional
  public Issued issue(String accountId, GrantRequest request, String sourceKind, String sourceId) {
    Account account = accounts.find(accountId).orElseThrow(() -> AccountCommands.accountNotFound(accountId));
    boolean allocation = request.grantClass() == GrantClass.ALLOCATION;
    if (allocation && account.isRoot()) {
      throw CreditRejection.ALLOCATION_NEEDS_SUB_ACCOUNT.exception("kind");
    }
    // The member's row serialises its grants (and the key check below); an allocation also locks
    // the root, whose wallet pays. Both in one statement, in id order.
    Map<String, LockedCredit> locked = credit.lockAndLoad(
        allocation ? List.of(accountId, account.rootId()) : List.of(accountId), clock.instant());
    if (request.idempotencyKey() != null) {
      var earlier = grants.findByKey(account.rootId(), accountId, request.idempotencyKey());
      if (earlier.isPresent()) {
        if (!request.digest().equals(earlier.get().requestDigest())) {
          throw CreditRejection.IDEMPOTENCY_KEY_MISMATCH.exception("idempotencyKey");
        }
        return new Issued(earlier.get().grant(), false);
      }
    }
    Instant now = clock.instant();
    Instant effectiveAt = request.effectiveAtOr(now);
    LedgerAccount source = LedgerAccount.grantFunding(request.grantClass());
    if (allocation) {
      // Unallocated credit stays with the root: only what its wallet holds can be handed out.
      long rootBalance = locked.get(account.rootId()).credit().walletBalanceNanos();
      if (rootBalance < request.amount()) {
        throw CreditRejection.INSUFFICIENT_CREDIT.exception("amount");
      }
      source = LedgerAccount.wallet(account.rootId());
    }

    Grant grant = new Grant(
        "g_" + UUID.randomUUID(), request.grantClass(), request.denomination(), request.scope(), effectiveAt,
        request.expiresAt(), request.priority(), now, request.amount(), request.amount(), request.requiresEdition(),
        false);
    LedgerUnit.Money currency = LedgerUnit.money(account.currency());
    JournalEntry entry = JournalEntries.grantIssued("je_" + grant.id(), now, grant, currency, source);
    StoredGrant stored = new StoredGrant(
        account.rootId(), accountId, grant, JournalEntries.unitOf(grant, currency).code(), source.code(),
        sourceKind, sourceId);
    grants.insert(stored, request.idempotencyKey(), request.idempotencyKey() == null ? null : request.digest());
    journal.append(List.of(new Booking(account.rootId(), accountId, entry)), now);
    if (allocation) {
      credit.addToWallets(Map.of(new CreditStore.WalletKey(account.rootId(), account.rootId()), -grant.amount()), now);
    }
    return new Issued(stored, true);
  }
}
