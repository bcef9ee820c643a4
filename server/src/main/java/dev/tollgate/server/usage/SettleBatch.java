package dev.tollgate.server.usage;

import dev.tollgate.core.accounts.BillingMode;
import dev.tollgate.core.credit.AccountCredit;
import dev.tollgate.core.credit.BurnSource;
import dev.tollgate.core.credit.Deduction;
import dev.tollgate.core.credit.DeductionEngine;
import dev.tollgate.core.credit.RatedCharge;
import dev.tollgate.core.credit.ShortfallPolicy;
import dev.tollgate.core.ledger.JournalEntries;
import dev.tollgate.core.ledger.LedgerUnit;
import dev.tollgate.core.pricing.Rating;
import dev.tollgate.core.pricing.Usage;
import dev.tollgate.server.credit.AccountDeduction;
import dev.tollgate.server.credit.CreditStore;
import dev.tollgate.server.credit.LockedCredit;
import dev.tollgate.server.ledger.Booking;
import dev.tollgate.server.ledger.JournalStore;
import dev.tollgate.server.pricing.CatalogRating;
import dev.tollgate.server.pricing.PriceCatalog;
import dev.tollgate.server.store.Flight;
import dev.tollgate.server.store.Flights;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Settles one batch of calls inside one transaction: resolve callers, lock their accounts, answer
 * replays from their first answer, then for each new call rate → deduct → book, and write
 * everything with a fixed number of set-based statements whatever the batch size.
 *
 * <p>Calls of one account are deducted in order from the state the previous one left
 * ({@link AccountCredit#after}), so a hot account costs memory work, not extra transactions. The
 * account rows stay locked until commit; a second node settling the same account waits for it,
 * then sees its writes (READ COMMITTED, statements after the lock).
 */
@Component
class SettleBatch {
  private final Callers callers;
  private final CallStore calls;
  private final CreditStore credit;
  private final UsageStore usage;
  private final UsageRollups rollups;
  private final HoldStore holds;
  private final JournalStore journal;
  private final PriceCatalog catalog;
  private final InstantSource clock;
  private final JsonMapper json;
  private final Flights flights;
  private final AccountRoots roots;

  SettleBatch(Callers callers, CallStore calls, CreditStore credit, UsageStore usage, UsageRollups rollups,
      HoldStore holds, JournalStore journal, PriceCatalog catalog, InstantSource clock, JsonMapper json, Flights flights, AccountRoots roots) {
    this.rollups = rollups;
    this.flights = flights;
    this.roots = roots;
    this.callers = callers;
    this.calls = calls;
    this.credit = credit;
    this.usage = usage;
    this.holds = holds;
    this.journal = journal;
    this.catalog = catalog;
    this.clock = clock;
    this.json = json;
  }

  List<CallAnswer> apply(List<SettleCommand> batch) {
    Instant now = clock.instant();
    int n = batch.size();
    CallAnswer[] answers = new CallAnswer[n];

    List<Object> resolved = callers.resolve(
        batch.stream().map(SettleCommand::apiKey).toList(), batch.stream().map(SettleCommand::accountId).toList());
    Set<String> accountIds = new LinkedHashSet<>();
    Instant earliest = now;
    for (int i = 0; i < n; i++) {
      if (resolved.get(i) instanceof Callers.Caller c) {
        accountIds.add(c.accountId());
        if (batch.get(i).occurredAt().isBefore(earliest)) {
          earliest = batch.get(i).occurredAt();
        }
      } else {
        answers[i] = (CallAnswer) resolved.get(i);
      }
    }
    Map<String, String> rootOf = roots.of(accountIds);
    List<RequestKey> keys = new ArrayList<>();
    RequestKey[] keyOf = new RequestKey[n];
    for (int i = 0; i < n; i++) {
      if (answers[i] == null) {
        String root = rootOf.get(((Callers.Caller) resolved.get(i)).accountId());
        if (root != null) {
          keyOf[i] = new RequestKey(root, batch.get(i).requestId());
          keys.add(keyOf[i]);
        }
      }
    }
    // The locks, then every read, in one round trip: each read starts once the locks are held
    // and sees everything committed before it.
    Flight flight = flights.startWithGenericPlans();
    Flight.Answer<Set<String>> lockedRead = credit.lock(flight, rootOf.keySet());
    Flight.Answer<Map<String, LockedCredit>> creditRead = credit.load(flight, rootOf.keySet(), earliest);
    Flight.Answer<Map<String, CallerAccount>> accountsRead = calls.accounts(flight, rootOf.keySet(), now);
    Flight.Answer<Map<RequestKey, String>> replayedRead = usage.answers(flight, keys);
    // Calls admitted on exclusive concurrency (seed 000) consume no credit.
    Flight.Answer<Map<RequestKey, HoldStore.HoldRow>> heldForRead = holds.byRequest(flight, keys);
    flight.send();
    Set<String> lockedIds = lockedRead.get();
    for (int i = 0; i < n; i++) {
      String id = answers[i] == null ? ((Callers.Caller) resolved.get(i)).accountId() : null;
      if (id != null && !lockedIds.contains(id)) {
        answers[i] = CallAnswer.Refused.accountNotFound(id);
      }
    }
    Map<String, LockedCredit> locked = creditRead.get();
    Map<String, CallerAccount> accounts = accountsRead.get();
    Map<RequestKey, String> replayed = replayedRead.get();
    Map<RequestKey, HoldStore.HoldRow> heldFor = heldForRead.get();

    Map<String, AccountCredit> state = new HashMap<>();
    locked.forEach((id, l) -> state.put(id, l.credit()));
    Map<RequestKey, Integer> firstIndex = new HashMap<>();
    List<UsageStore.UsageRow> rows = new ArrayList<>();
    List<AccountDeduction> deductions = new ArrayList<>();
    List<Booking> bookings = new ArrayList<>();
    List<RequestKey> settled = new ArrayList<>();
    Map<String, String> holdIds = new HashMap<>();
    Map<String, String> holdOwners = holds.accountsOf(namedHoldsNotTheirOwn(batch, answers, keyOf, heldFor));
    for (int i = 0; i < n; i++) {
      if (answers[i] != null) {
        continue;
      }
      RequestKey key = keyOf[i];
      String first = replayed.get(key);
      if (first != null) {
        answers[i] = new CallAnswer.Answered(first);
        continue;
      }
      Integer earlier = firstIndex.putIfAbsent(key, i);
      if (earlier != null) {
        answers[i] = null; // answered with the first occurrence's answer below
        continue;
      }
      SettleCommand cmd = batch.get(i);
      Callers.Caller caller = (Callers.Caller) resolved.get(i);
      String holdOwner = cmd.holdId() == null ? null : holdOwners.get(cmd.holdId());
      if (holdOwner != null && !holdOwner.equals(caller.accountId())) {
        // Another account's hold: settling must neither release it nor reveal that it exists.
        answers[i] = new CallAnswer.Refused(HttpStatus.NOT_FOUND, "hold_not_found",
            "no hold with id '" + cmd.holdId() + "' for this account");
        firstIndex.remove(key);
        continue;
      }
      CallerAccount account = accounts.get(caller.accountId());
      BillingMode mode = account.billingMode();
      HoldStore.HoldRow hold = heldFor.get(key);
      boolean exclusive = hold != null && hold.exclusive();
      answers[i] = settleOne(cmd, caller, account, mode, exclusive, state, rows, deductions, bookings);
      if (answers[i] instanceof CallAnswer.Answered) {
        settled.add(key);
        if (cmd.holdId() != null) {
          holdIds.put(cmd.holdId(), caller.accountId());
        }
      } else {
        firstIndex.remove(key);
      }
    }
    for (int i = 0; i < n; i++) {
      if (answers[i] == null) {
        answers[i] = answers[firstIndex.get(keyOf[i])];
      }
    }

    // Every write in one round trip, in this order (the postings after their entries).
    Flight writes = flights.start();
    usage.insert(writes, rows, now);
    rollups.add(writes, rows);
    Set<String> withWallet = locked.values().stream()
        .filter(LockedCredit::walletExists).map(LockedCredit::accountId).collect(Collectors.toSet());
    credit.apply(writes, deductions, withWallet, now);
    journal.appendUsage(writes, bookings, now);
    // Only requests whose hold the batch found unreleased under the lock: most gateways settle
    // without an authorise, and a probe per settled request found nothing (2.4 µs an event).
    List<RequestKey> withHold = settled.stream()
        .filter(key -> heldFor.containsKey(key) && heldFor.get(key).releasedAt() == null).toList();
    holds.releaseForRequests(writes, withHold, holdIds, now);
    writes.send();
    return List.of(answers);
  }

  /**
   * Hold ids that settles name but that are not the hold their own request placed: only these need
   * a look-up of their owner (a gateway normally names the hold its authorise got, found already).
   */
  private static Set<String> namedHoldsNotTheirOwn(
      List<SettleCommand> batch, CallAnswer[] answers, RequestKey[] keyOf, Map<RequestKey, HoldStore.HoldRow> heldFor) {
    Set<String> out = new HashSet<>();
    for (int i = 0; i < batch.size(); i++) {
      String named = batch.get(i).holdId();
      if (answers[i] == null && named != null) {
        HoldStore.HoldRow own = heldFor.get(keyOf[i]);
        if (own == null || !own.id().equals(named)) {
          out.add(named);
        }
      }
    }
    return out;
  }

  private CallAnswer settleOne(
      SettleCommand cmd, Callers.Caller caller, CallerAccount account, BillingMode mode, boolean exclusive,
      Map<String, AccountCredit> state, List<UsageStore.UsageRow> rows,
      List<AccountDeduction> deductions, List<Booking> bookings) {
    // No status check here: a call that was served is recorded whatever happened to the account
    // since authorise; refusing is authorise's job.
    String usageId = Ids.next("usg_");
    Usage u = cmd.usage();
    if (!cmd.success()) {
      // Failed calls are free (seed 004): recorded, nothing charged, the hold released.
      String response = write(new SettleResponse(usageId, cmd.requestId(), "0.00", account.currency(), mode.code(), null, List.of()));
      rows.add(row(usageId, cmd, caller, account, mode, u, 0, 0, 0, 0, null, response));
      return new CallAnswer.Answered(response);
    }
    CatalogRating rated = catalog.rate(cmd.meter(), cmd.occurredAt(), u, account.priceGroup(), cmd.serviceTier(),
        account.planDiscount());
    if (rated instanceof CatalogRating.Refused refused) {
      // Without a price there is no amount to record; authorise refuses such calls, so this is a
      // gateway that skipped it. Nothing is written: the same request succeeds once priced.
      return new CallAnswer.Refused(HttpStatus.UNPROCESSABLE_CONTENT, refused.code(), refused.detail());
    }
    CatalogRating.Rated r = (CatalogRating.Rated) rated;
    Rating rating = r.rating();
    if (!rating.version().currency().equals(account.currency())) {
      return new CallAnswer.Refused(HttpStatus.UNPROCESSABLE_CONTENT, "currency_mismatch",
          "meter '" + cmd.meter() + "' is priced in " + rating.version().currency() + ", the account pays in " + account.currency());
    }
    String snapshot = write(SnapshotJson.of(r.snapshot(), r.unpricedTools()));
    List<SettleResponse.Charge> charges = List.of();
    long postpaidNanos = 0;
    long postpaidUnits = 0;
    if (mode != BillingMode.SELF && !exclusive) {
      AccountCredit before = state.get(account.id());
      AccountCredit current = before.withEditionActive(CreditStore.editionActiveAt(before.grants(), cmd.occurredAt()));
      RatedCharge charge = new RatedCharge(cmd.meter(), cmd.occurredAt(), rating.billableUnits(), rating.totalNanos());
      // Served usage is never dropped: what credit does not cover becomes wallet debt.
      Deduction d = DeductionEngine.deduct(current, charge, ShortfallPolicy.BOOK_AS_WALLET_DEBT);
      state.put(account.id(), current.after(d));
      deductions.add(new AccountDeduction(account.rootId(), account.id(), d));
      JournalEntries.usage("use:" + cmd.requestId(), cmd.requestId(), account.id(), LedgerUnit.money(account.currency()), d)
          .ifPresent(e -> bookings.add(new Booking(account.rootId(), account.id(), e)));
      charges = SettleResponse.charges(d);
      for (var b : d.burnsFrom(BurnSource.POSTPAID)) {
        postpaidNanos += b.amountNanos();
        postpaidUnits += b.units();
      }
    }
    String response = write(new SettleResponse(usageId, cmd.requestId(),
        dev.tollgate.core.money.Nanos.format(rating.totalNanos()), account.currency(), mode.code(),
        exclusive ? Boolean.TRUE : null, charges));
    rows.add(row(usageId, cmd, caller, account, mode, u, rating.billableUnits(), rating.totalNanos(), postpaidNanos,
        postpaidUnits, snapshot, response));
    return new CallAnswer.Answered(response);
  }

  private static UsageStore.UsageRow row(
      String usageId, SettleCommand cmd, Callers.Caller caller, CallerAccount account, BillingMode mode, Usage u,
      long billableUnits, long amountNanos, long postpaidNanos, long postpaidUnits, String snapshot, String response) {
    return new UsageStore.UsageRow(usageId, account.rootId(), account.id(), cmd.requestId(), caller.apiKeyId(),
        cmd.meter(), cmd.success(), mode.code(), cmd.occurredAt(), cmd.route(), cmd.latencyMs(), u.inputTokens(),
        u.outputTokens(), u.cacheReadTokens(), u.cacheWriteTokens(), u.reasoningTokens(), u.calls(), u.seconds(),
        u.units(), billableUnits, amountNanos, postpaidNanos, postpaidUnits, account.currency(), snapshot, response);
  }

  private String write(Object value) {
    return json.writeValueAsString(value);
  }
}
