package dev.tollgate.server.usage;

import dev.tollgate.core.accounts.BillingMode;
import dev.tollgate.core.accounts.AccountStatus;
import dev.tollgate.core.credit.AccountCredit;
import dev.tollgate.core.credit.CreditDecision;
import dev.tollgate.core.credit.DeductionEngine;
import dev.tollgate.core.credit.RatedCharge;
import dev.tollgate.core.money.Nanos;
import dev.tollgate.core.pricing.PriceMode;
import dev.tollgate.core.pricing.PriceVersion;
import dev.tollgate.server.credit.CreditStore;
import dev.tollgate.server.credit.LockedCredit;
import dev.tollgate.server.credit.packages.ConcurrencySlots;
import dev.tollgate.server.pricing.CatalogRating;
import dev.tollgate.server.pricing.PriceCatalog;
import dev.tollgate.server.store.Flight;
import dev.tollgate.server.store.Flights;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Authorises one batch of calls inside one transaction. The refusals, in this order: the key
 * ({@code invalid_api_key}), the account ({@code account_not_found}, {@code account_suspended},
 * {@code account_closed}, {@code account_overdue}), the price ({@code price_missing}), the credit ({@code
 * insufficient_credit}: a debt, or not enough credit left beside other calls' holds), concurrency
 * ({@code concurrency_limit}: the meter's {@code concurrencyDefault} plus the family's purchased
 * concurrency packages in force; a meter without a default has no limit). An admitted call gets a hold: the list price of its estimate, else
 * the configured prepaid amount; the hold reduces what later calls may hold, until settle or
 * expiry releases it.
 *
 * <p>The accounts and their roots are locked for the transaction, so calls racing for one balance
 * or one family's concurrency are decided one after another, here or on another node.
 */
@Component
class AuthorizeBatch {
  private final Callers callers;
  private final CallStore calls;
  private final CreditStore credit;
  private final HoldStore holds;
  private final PriceCatalog catalog;
  private final ConcurrencySlots slots;
  private final InstantSource clock;
  private final JsonMapper json;
  private final RefusalMemory refusals;
  private final Flights flights;
  private final AccountRoots roots;

  AuthorizeBatch(Callers callers, CallStore calls, CreditStore credit, HoldStore holds, PriceCatalog catalog,
      ConcurrencySlots slots, InstantSource clock, JsonMapper json, RefusalMemory refusals, Flights flights, AccountRoots roots) {
    this.refusals = refusals;
    this.flights = flights;
    this.roots = roots;
    this.callers = callers;
    this.calls = calls;
    this.credit = credit;
    this.holds = holds;
    this.slots = slots;
    this.catalog = catalog;
    this.clock = clock;
    this.json = json;
  }

  List<CallAnswer> apply(List<AuthorizeCommand> batch) {
    // Read before anything else: a remembered refusal covers no change that commits after this.
    long epoch = refusals.epoch();
    Instant now = clock.instant();
    int n = batch.size();
    CallAnswer[] answers = new CallAnswer[n];
    List<Object> resolved = callers.resolve(
        batch.stream().map(AuthorizeCommand::apiKey).toList(), batch.stream().map(AuthorizeCommand::accountId).toList());
    Set<String> accountIds = new LinkedHashSet<>();
    for (int i = 0; i < n; i++) {
      if (resolved.get(i) instanceof Callers.Caller c) {
        accountIds.add(c.accountId());
      } else {
        answers[i] = (CallAnswer) resolved.get(i);
        // An unknown or deleted key stays so until a key is written.
        refusals.remember(batch.get(i), (CallAnswer.Refused) answers[i], epoch);
      }
    }
    // Roots are locked too: concurrency is counted per family.
    Map<String, String> rootOf = roots.of(accountIds);
    Set<String> toLock = new LinkedHashSet<>(rootOf.keySet());
    toLock.addAll(rootOf.values());

    List<RequestKey> keys = new ArrayList<>();
    RequestKey[] keyOf = new RequestKey[n];
    Set<String> meters = new LinkedHashSet<>();
    Set<HoldStore.FamilyMeter> familyMeters = new LinkedHashSet<>();
    for (int i = 0; i < n; i++) {
      if (answers[i] == null) {
        String root = rootOf.get(((Callers.Caller) resolved.get(i)).accountId());
        if (root != null) {
          keyOf[i] = new RequestKey(root, batch.get(i).requestId());
          keys.add(keyOf[i]);
          meters.add(batch.get(i).meter());
          familyMeters.add(new HoldStore.FamilyMeter(root, batch.get(i).meter()));
        }
      }
    }
    // The locks, then every read, in one round trip: each read starts once the locks are held
    // and sees everything committed before it.
    Flight flight = flights.startWithGenericPlans();
    Flight.Answer<Set<String>> lockedRead = credit.lock(flight, toLock);
    Flight.Answer<Map<String, LockedCredit>> creditRead = credit.load(flight, rootOf.keySet(), now);
    Flight.Answer<Map<String, CallerAccount>> accountsRead = calls.accounts(flight, rootOf.keySet(), now);
    Flight.Answer<Map<RequestKey, HoldStore.HoldRow>> existingRead = holds.byRequest(flight, keys);
    Flight.Answer<Map<String, Long>> heldRead = holds.liveAmounts(flight, rootOf.keySet(), now);
    Flight.Answer<Map<HoldStore.FamilyMeter, HoldStore.InFlight>> inFlightRead = holds.liveCounts(flight, familyMeters, now);
    // Purchased concurrency packages raise a family's limit on their meters: one grouped query.
    Flight.Answer<Map<ConcurrencySlots.FamilyMeter, ConcurrencySlots.Slots>> boughtRead =
        slots.inForce(flight, new LinkedHashSet<>(rootOf.values()), meters, now);
    flight.send();
    Set<String> locked = lockedRead.get();
    for (int i = 0; i < n; i++) {
      String id = answers[i] == null ? ((Callers.Caller) resolved.get(i)).accountId() : null;
      if (id != null && !locked.contains(id)) {
        answers[i] = CallAnswer.Refused.accountNotFound(id);
        refusals.remember(batch.get(i), (CallAnswer.Refused) answers[i], epoch);
      }
    }
    Map<String, LockedCredit> loaded = creditRead.get();
    Map<String, CallerAccount> accounts = accountsRead.get();
    Map<RequestKey, HoldStore.HoldRow> existing = existingRead.get();
    Map<String, Long> held = new HashMap<>(heldRead.get());
    Map<HoldStore.FamilyMeter, HoldStore.InFlight> inFlight = new HashMap<>(inFlightRead.get());
    Map<ConcurrencySlots.FamilyMeter, ConcurrencySlots.Slots> bought = boughtRead.get();
    Map<RequestKey, HoldStore.HoldRow> placed = new HashMap<>();
    List<HoldStore.HoldRow> newHolds = new ArrayList<>();

    for (int i = 0; i < n; i++) {
      if (answers[i] != null) {
        continue;
      }
      AuthorizeCommand cmd = batch.get(i);
      CallerAccount account = accounts.get(((Callers.Caller) resolved.get(i)).accountId());
      HoldStore.HoldRow earlier = existing.getOrDefault(keyOf[i], placed.get(keyOf[i]));
      if (earlier != null) {
        // The same request again: the hold it got (idempotent), unless it names another call.
        answers[i] = earlier.meter().equals(cmd.meter()) && earlier.accountId().equals(account.id())
            ? answer(earlier, account)
            : new CallAnswer.Refused(HttpStatus.CONFLICT, "request_id_mismatch",
                "request id '" + cmd.requestId() + "' was authorised for another account or meter");
        continue;
      }
      Decision d = decide(cmd, account, loaded.get(account.id()).credit(), held, inFlight, bought, now);
      if (d.refusal != null) {
        answers[i] = d.refusal;
        if (d.lasting) {
          refusals.remember(cmd, d.refusal, epoch);
        }
        continue;
      }
      Instant expiresAt = now.plus(Duration.ofMillis(account.holdTimeoutMs()));
      HoldStore.HoldRow hold = new HoldStore.HoldRow(Ids.next("hld_"), account.rootId(), account.id(), cmd.requestId(),
          cmd.meter(), ((Callers.Caller) resolved.get(i)).apiKeyId(), d.holdNanos, d.exclusive, now, expiresAt, null);
      newHolds.add(hold);
      placed.put(keyOf[i], hold);
      held.merge(account.id(), d.holdNanos, Math::addExact);
      inFlight.merge(new HoldStore.FamilyMeter(account.rootId(), cmd.meter()), HoldStore.InFlight.one(d.exclusive),
          HoldStore.InFlight::plus);
      answers[i] = answer(hold, account);
    }
    // The holds and the commit in one round trip: nothing follows them in this transaction.
    Flight last = flights.start();
    holds.insert(last, newHolds);
    last.sendAndCommit();
    return List.of(answers);
  }

  /** {@code lasting}: a refusal only a write or time can lift, which {@link RefusalMemory} may repeat. */
  private record Decision(long holdNanos, boolean exclusive, CallAnswer.Refused refusal, boolean lasting) {}

  private Decision decide(AuthorizeCommand cmd, CallerAccount account, AccountCredit credit, Map<String, Long> held,
      Map<HoldStore.FamilyMeter, HoldStore.InFlight> inFlight,
      Map<ConcurrencySlots.FamilyMeter, ConcurrencySlots.Slots> bought, Instant now) {
    if (account.status() == AccountStatus.SUSPENDED) {
      return lasting(HttpStatus.FORBIDDEN, "account_suspended", "the account is suspended");
    }
    if (account.status() == AccountStatus.CLOSED) {
      return lasting(HttpStatus.FORBIDDEN, "account_closed", "the account is closed");
    }
    if (account.overdue()) {
      // Seed 002: "When in payment overdue status, it cannot be used." Paying the bill lifts it.
      return lasting(HttpStatus.FORBIDDEN, "account_overdue", "the account has an overdue bill; pay it to call again");
    }
    Optional<PriceVersion> version = catalog.inForceAt(cmd.meter(), now);
    if (version.isEmpty()) {
      return refuse(HttpStatus.UNPROCESSABLE_CONTENT, "price_missing", "meter '" + cmd.meter() + "' has no price; it cannot be used");
    }
    ConcurrencySlots.Slots slotsBought =
        bought.getOrDefault(new ConcurrencySlots.FamilyMeter(account.rootId(), cmd.meter()), ConcurrencySlots.Slots.NONE);
    HoldStore.InFlight running =
        inFlight.getOrDefault(new HoldStore.FamilyMeter(account.rootId(), cmd.meter()), HoldStore.InFlight.NONE);
    if (running.exclusive() < slotsBought.exclusive()) {
      // Seed 000: inside purchased exclusive concurrency a call consumes no credit; the slots are its only limit.
      return new Decision(0, true, null, false);
    }
    boolean free = version.get().terms().mode() == PriceMode.FREE;
    long holdNanos = 0;
    long estimateUnits = 0;
    if (!free) {
      if (cmd.estimate() != null) {
        CatalogRating rated = catalog.rate(cmd.meter(), now, cmd.estimate(), account.priceGroup(), cmd.serviceTier(),
            account.planDiscount());
        if (rated instanceof CatalogRating.Refused r) {
          return refuse(HttpStatus.UNPROCESSABLE_CONTENT, r.code(), r.detail());
        }
        var rating = ((CatalogRating.Rated) rated).rating();
        holdNanos = rating.totalNanos();
        estimateUnits = rating.billableUnits();
      } else {
        holdNanos = account.prepaidAmountNanos();
        estimateUnits = oneUnitMeter(version.get()) ? 1 : 0;
      }
    }
    if (account.billingMode() != BillingMode.SELF && !free) {
      // A free exclusive slot would admit the call without credit: with exclusive slots bought,
      // a credit refusal can be lifted by a settle, so it is not a lasting one.
      boolean noSlots = slotsBought.exclusive() == 0;
      if (credit.walletBalanceNanos() < 0 && !credit.postpaidEnabled()) {
        var owes = new CallAnswer.Refused(HttpStatus.PAYMENT_REQUIRED, "insufficient_credit",
            "the account owes " + Nanos.format(-credit.walletBalanceNanos()) + "; top up before new calls");
        return new Decision(0, false, owes, noSlots);
      }
      AccountCredit now0 = credit.withEditionActive(CreditStore.editionActiveAt(credit.grants(), now));
      long heldNanos = held.getOrDefault(account.id(), 0L);
      CreditDecision decision = DeductionEngine.canAfford(
          now0, new RatedCharge(cmd.meter(), now, estimateUnits, holdNanos), heldNanos);
      if (decision instanceof CreditDecision.Insufficient insufficient) {
        var refusal = new CallAnswer.Refused(HttpStatus.PAYMENT_REQUIRED, "insufficient_credit",
            "not enough credit for this call: " + Nanos.format(insufficient.missingNanos()) + " short");
        // Nothing at all to spend on this meter, and no hold whose release could free some.
        boolean broke = heldNanos == 0 && insufficient.missingNanos() == holdNanos;
        return new Decision(0, false, refusal, noSlots && broke);
      }
    }
    if (version.get().concurrencyDefault().isPresent()) {
      // Seed 004: "m concurrency by default and n purchased → m + n", shared by the family.
      long limit = version.get().concurrencyDefault().getAsInt() + slotsBought.shared();
      if (running.shared() >= limit) {
        return refuse(HttpStatus.TOO_MANY_REQUESTS, "concurrency_limit",
            limit + " calls of '" + cmd.meter() + "' are already running for this account and its sub-accounts");
      }
    }
    return new Decision(holdNanos, false, null, false);
  }

  /** Without an estimate, a per-call or per-unit meter's next call is one unit (a units grant can hold it). */
  private static boolean oneUnitMeter(PriceVersion version) {
    PriceMode mode = version.terms().mode();
    return mode == PriceMode.CALL || mode == PriceMode.UNIT;
  }

  private static Decision refuse(HttpStatus status, String code, String detail) {
    return new Decision(0, false, new CallAnswer.Refused(status, code, detail), false);
  }

  private static Decision lasting(HttpStatus status, String code, String detail) {
    return new Decision(0, false, new CallAnswer.Refused(status, code, detail), true);
  }

  private CallAnswer answer(HoldStore.HoldRow hold, CallerAccount account) {
    return new CallAnswer.Answered(json.writeValueAsString(new AuthorizeResponse(
        hold.id(), hold.requestId(), Nanos.format(hold.amountNanos()), account.currency(), hold.expiresAt(),
        new AuthorizeResponse.Settings(account.contentModeration(), account.billingMode().code(), account.postpaidEnabled()))));
  }
}
