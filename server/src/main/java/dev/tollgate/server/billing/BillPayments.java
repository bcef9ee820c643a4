package dev.tollgate.server.billing;

import dev.tollgate.core.billing.BillingMonth;
import dev.tollgate.core.ledger.JournalEntries;
import dev.tollgate.core.ledger.JournalEntry;
import dev.tollgate.core.ledger.LedgerUnit;
import dev.tollgate.core.money.Nanos;
import dev.tollgate.server.accounts.AccountCommands;
import dev.tollgate.server.credit.CreditStore;
import dev.tollgate.server.credit.LockedCredit;
import dev.tollgate.server.http.ApiException;
import dev.tollgate.server.ledger.Booking;
import dev.tollgate.server.ledger.JournalStore;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Pays a bill's due amount, once: from the wallet ({@code wallet_debit}: wallet −due / postpaid
 * +due) or from outside ({@code bill_payment}: postpaid +due / payments:{provider} −due). Under the
 * account's row lock: check, then write the entry, the wallet and the bill's status once. A paid
 * bill answers as it is and writes nothing. Paying the last overdue bill clears the account's
 * overdue mark.
 */
@Service
class BillPayments {
  static final int REFERENCE_LENGTH_MAX = 200;
  private static final Pattern PROVIDER = Pattern.compile("[a-z0-9_-]{1,32}");

  private final BillStore bills;
  private final CreditStore credit;
  private final JournalStore journal;
  private final InstantSource clock;

  BillPayments(BillStore bills, CreditStore credit, JournalStore journal, InstantSource clock) {
    this.bills = bills;
    this.credit = credit;
    this.journal = journal;
    this.clock = clock;
  }

  enum Source { WALLET, EXTERNAL }

  /** A checked payment request. */
  record PayRequest(Source source, String provider, String reference) {
    static PayRequest check(String source, String provider, String reference) {
      if (source == null) {
        throw ApiException.missingField("source");
      }
      Source s = switch (source) {
        case "wallet" -> Source.WALLET;
        case "external" -> Source.EXTERNAL;
        default -> throw ApiException.invalidField("source", "source_invalid", "source is wallet or external");
      };
      if (s == Source.EXTERNAL && provider == null) {
        throw ApiException.missingField("provider");
      }
      if (provider != null && (s == Source.WALLET || !PROVIDER.matcher(provider).matches())) {
        throw ApiException.invalidField("provider", "provider_invalid",
            "provider names an external payment provider (1 to 32 of a-z 0-9 _ -); a wallet payment has none");
      }
      if (reference != null && (reference.isBlank() || reference.length() > REFERENCE_LENGTH_MAX)) {
        throw ApiException.invalidField("reference", "reference_invalid",
            "a reference is 1 to " + REFERENCE_LENGTH_MAX + " characters and not blank");
      }
      return new PayRequest(s, provider, reference);
    }
  }

  @Transactional
  public StoredBill pay(String accountId, BillingMonth month, PayRequest request) {
    Instant now = clock.instant();
    LockedCredit locked = credit.lockAndLoad(accountId, now)
        .orElseThrow(() -> AccountCommands.accountNotFound(accountId));
    StoredBill bill = bills.find(accountId, month.code())
        .orElseThrow(() -> BillRejections.billNotFound(accountId, month.code()));
    if (StoredBill.PAID.equals(bill.status())) {
      return bill;
    }
    long due = bill.dueNanos();
    LedgerUnit.Money unit = LedgerUnit.money(bill.currency());
    String entryId = "bill-paid:" + accountId + ":" + month.code();
    String reference = "bill:" + accountId + ":" + month.code();
    JournalEntry entry;
    String source;
    if (request.source() == Source.WALLET) {
      if (locked.credit().walletBalanceNanos() < due) {
        throw BillRejections.insufficientCredit(Nanos.format(due));
      }
      entry = JournalEntries.walletDebit(entryId, now, reference, accountId, unit, due);
      source = "wallet";
    } else {
      entry = JournalEntries.billPayment(entryId, now, reference, accountId, unit, due, request.provider());
      source = "external:" + request.provider();
    }
    journal.append(List.of(new Booking(bill.rootId(), accountId, entry)), now);
    if (request.source() == Source.WALLET) {
      credit.addToWallets(Map.of(new CreditStore.WalletKey(bill.rootId(), accountId), -due), now);
    }
    bills.markPaid(accountId, month.code(), now, source, entryId, request.reference());
    bills.clearOverdueIfSettled(accountId);
    return bills.find(accountId, month.code()).orElseThrow();
  }
}
