package dev.tollgate.core.ledger;

import dev.tollgate.core.credit.Burn;
import dev.tollgate.core.credit.Deduction;
import dev.tollgate.core.credit.Denomination;
import dev.tollgate.core.credit.Grant;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * Pure builders of journal entries, one per movement. Each returns a checked entry (or nothing when
 * the movement moves nothing, e.g. a refund of an exhausted grant); none reads a clock or stores.
 * Entry ids are the caller's: it makes them unique and uses them to make writes idempotent.
 */
public final class JournalEntries {

  private JournalEntries() {}

  /** The ledger unit a grant counts in: the account currency, or its meter's units. */
  public static LedgerUnit unitOf(Grant grant, LedgerUnit.Money currency) {
    return grant.denomination() == Denomination.MONEY
        ? currency
        : LedgerUnit.meterUnits(grant.unitsMeter());
  }

  /** A new grant funded from {@code grant_funding:{class}}. */
  public static JournalEntry grantIssued(
      String entryId, Instant occurredAt, Grant grant, LedgerUnit.Money currency) {
    return grantIssued(
        entryId, occurredAt, grant, currency, LedgerAccount.grantFunding(grant.grantClass()));
  }

  /**
   * A new grant funded from {@code source}: e.g. a team allocation from the root's {@code
   * wallet:{rootId}} rather than from {@code grant_funding:allocation}.
   */
  public static JournalEntry grantIssued(
      String entryId,
      Instant occurredAt,
      Grant grant,
      LedgerUnit.Money currency,
      LedgerAccount source) {
    if (grant.voided() || grant.remaining() != grant.amount()) {
      throw new IllegalArgumentException("grant " + grant.id() + " is not new");
    }
    LedgerUnit unit = unitOf(grant, currency);
    return new JournalEntry(
        entryId,
        EntryKind.GRANT_ISSUED,
        occurredAt,
        grant.id(),
        List.of(
            new Posting(LedgerAccount.grant(grant.id()), unit, grant.amount()),
            new Posting(source, unit, -grant.amount())));
  }

  /**
   * The burns of a settled call: each source is credited ({@code grant:}, {@code wallet:}, {@code
   * postpaid:}) and {@code usage:{meter}} debited, in the source's unit. A units grant's burn
   * posts units only: its money value is in the usage record, the package's money was booked when
   * it was bought. Throws if the deduction still has a shortfall: served usage is never dropped,
   * so settle books it first ({@code ShortfallPolicy.BOOK_AS_WALLET_DEBT}). Empty when the
   * charge moved nothing (a free call).
   */
  public static Optional<JournalEntry> usage(
      String entryId, String requestId, String accountId, LedgerUnit.Money currency, Deduction d) {
    if (!d.fullyCovered()) {
      throw new IllegalArgumentException(
          "request " + requestId + " has an unbooked shortfall of " + d.shortfallNanos());
    }
    String meter = d.charge().meter();
    var lines = new PostingLines();
    for (Burn b : d.burns()) {
      LedgerUnit unit =
          b.denomination() == Denomination.UNITS ? LedgerUnit.meterUnits(meter) : currency;
      LedgerAccount source =
          switch (b.source()) {
            case GRANT -> LedgerAccount.grant(b.grantId());
            case WALLET -> LedgerAccount.wallet(accountId);
            case POSTPAID -> LedgerAccount.postpaid(accountId);
          };
      lines.add(source, unit, -b.deducted());
      lines.add(LedgerAccount.usage(meter), unit, b.deducted());
    }
    return lines.entry(entryId, EntryKind.USAGE, d.charge().occurredAt(), requestId);
  }

  /**
   * A voided grant's remaining credit back to {@code grant_funding:{class}}. Empty when nothing
   * remained. The caller then stores the grant {@linkplain Grant#asVoided() voided}.
   */
  public static Optional<JournalEntry> refund(
      String entryId, Instant occurredAt, Grant grant, LedgerUnit.Money currency) {
    return refund(
        entryId, occurredAt, grant, currency, LedgerAccount.grantFunding(grant.grantClass()));
  }

  /** A refund back to the account the grant was funded from (see {@link #grantIssued}). */
  public static Optional<JournalEntry> refund(
      String entryId,
      Instant occurredAt,
      Grant grant,
      LedgerUnit.Money currency,
      LedgerAccount source) {
    if (grant.voided()) {
      throw new IllegalArgumentException("grant " + grant.id() + " is already voided");
    }
    return moveRemaining(entryId, EntryKind.REFUND, occurredAt, grant, currency, source);
  }

  /**
   * An expired grant's unused remainder to {@code breakage:{class}}. Throws before the grant's
   * expiry: expiring early would take credit the customer still owns. Empty when nothing remained.
   */
  public static Optional<JournalEntry> expiry(
      String entryId, Instant occurredAt, Grant grant, LedgerUnit.Money currency) {
    if (grant.voided()) {
      throw new IllegalArgumentException("grant " + grant.id() + " is voided, not expiring");
    }
    if (grant.expiresAt() == null || occurredAt.isBefore(grant.expiresAt())) {
      throw new IllegalArgumentException(
          "grant " + grant.id() + " has not expired at " + occurredAt);
    }
    return moveRemaining(
        entryId,
        EntryKind.EXPIRY,
        occurredAt,
        grant,
        currency,
        LedgerAccount.breakage(grant.grantClass()));
  }

  /**
   * Money into {@code wallet:{accountId}} from {@code source}: {@code payments:{provider}} for a
   * paid order, {@code adjustment:operator} for an operator credit.
   */
  public static JournalEntry topUp(
      String entryId,
      Instant occurredAt,
      String reference,
      String accountId,
      LedgerUnit.Money currency,
      long amountNanos,
      LedgerAccount source) {
    requirePositive(amountNanos);
    return new JournalEntry(
        entryId,
        EntryKind.TOPUP,
        occurredAt,
        reference,
        List.of(
            new Posting(LedgerAccount.wallet(accountId), currency, amountNanos),
            new Posting(source, currency, -amountNanos)));
  }

  /** Wallet money that pays the postpaid receivable (seed 002's hourly deduction). */
  public static JournalEntry walletDebit(
      String entryId,
      Instant occurredAt,
      String reference,
      String accountId,
      LedgerUnit.Money currency,
      long amountNanos) {
    requirePositive(amountNanos);
    return new JournalEntry(
        entryId,
        EntryKind.WALLET_DEBIT,
        occurredAt,
        reference,
        List.of(
            new Posting(LedgerAccount.wallet(accountId), currency, -amountNanos),
            new Posting(LedgerAccount.postpaid(accountId), currency, amountNanos)));
  }

  /**
   * A package bought with wallet money: {@code wallet:{accountId}} −n / {@code sales:{packageKind}}
   * +n. The credit the package gives is issued separately ({@link #grantIssued}), funded by
   * {@code grant_funding:{class}} like any grant, so the money paid and the credit issued never mix
   * (a units package's credit is not even in money).
   */
  public static JournalEntry purchase(
      String entryId,
      Instant occurredAt,
      String purchaseId,
      String accountId,
      LedgerUnit.Money currency,
      long amountNanos,
      String packageKind) {
    requirePositive(amountNanos);
    return new JournalEntry(
        entryId,
        EntryKind.PURCHASE,
        occurredAt,
        purchaseId,
        List.of(
            new Posting(LedgerAccount.wallet(accountId), currency, -amountNanos),
            new Posting(LedgerAccount.sales(packageKind), currency, amountNanos)));
  }

  /** The price of a refunded purchase back into the wallet: the opposite of {@link #purchase}. */
  public static JournalEntry purchaseRefund(
      String entryId,
      Instant occurredAt,
      String purchaseId,
      String accountId,
      LedgerUnit.Money currency,
      long amountNanos,
      String packageKind) {
    requirePositive(amountNanos);
    return new JournalEntry(
        entryId,
        EntryKind.PURCHASE_REFUND,
        occurredAt,
        purchaseId,
        List.of(
            new Posting(LedgerAccount.sales(packageKind), currency, -amountNanos),
            new Posting(LedgerAccount.wallet(accountId), currency, amountNanos)));
  }

  /** The postpaid receivable paid through {@code payments:{provider}} (a monthly bill). */
  public static JournalEntry billPayment(
      String entryId,
      Instant occurredAt,
      String billId,
      String accountId,
      LedgerUnit.Money currency,
      long amountNanos,
      String provider) {
    requirePositive(amountNanos);
    return new JournalEntry(
        entryId,
        EntryKind.BILL_PAYMENT,
        occurredAt,
        billId,
        List.of(
            new Posting(LedgerAccount.postpaid(accountId), currency, amountNanos),
            new Posting(LedgerAccount.payments(provider), currency, -amountNanos)));
  }

  /** A correction with explicit postings; checked like any entry. */
  public static JournalEntry correction(
      String entryId, Instant occurredAt, String correctedEntryId, List<Posting> postings) {
    return new JournalEntry(
        entryId, EntryKind.CORRECTION, occurredAt, correctedEntryId, postings);
  }

  /** The exact opposite of {@code original}: undoes it without editing it. */
  public static JournalEntry reversal(String entryId, Instant occurredAt, JournalEntry original) {
    var negated = new ArrayList<Posting>();
    for (Posting p : original.postings()) {
      negated.add(new Posting(p.account(), p.unit(), Math.negateExact(p.amount())));
    }
    return correction(entryId, occurredAt, original.id(), negated);
  }

  private static Optional<JournalEntry> moveRemaining(
      String entryId,
      EntryKind kind,
      Instant occurredAt,
      Grant grant,
      LedgerUnit.Money currency,
      LedgerAccount to) {
    LedgerUnit unit = unitOf(grant, currency);
    var lines = new PostingLines();
    lines.add(LedgerAccount.grant(grant.id()), unit, -grant.remaining());
    lines.add(to, unit, grant.remaining());
    return lines.entry(entryId, kind, occurredAt, grant.id());
  }

  private static void requirePositive(long amountNanos) {
    if (amountNanos <= 0) {
      throw new IllegalArgumentException("an amount to move is positive: " + amountNanos);
    }
  }

  /** Postings merged per (account, unit) in first-seen order, zero lines dropped. */
  private static final class PostingLines {
    private final LinkedHashMap<Balances.Key, Long> sums = new LinkedHashMap<>();

    void add(LedgerAccount account, LedgerUnit unit, long amount) {
      sums.merge(new Balances.Key(account, unit), amount, Math::addExact);
    }

    Optional<JournalEntry> entry(
        String entryId, EntryKind kind, Instant occurredAt, String reference) {
      var postings = new ArrayList<Posting>();
      sums.forEach(
          (key, amount) -> {
            if (amount != 0) {
              postings.add(new Posting(key.account(), key.unit(), amount));
            }
          });
      return postings.isEmpty()
          ? Optional.empty()
          : Optional.of(new JournalEntry(entryId, kind, occurredAt, reference, postings));
    }
  }
}
