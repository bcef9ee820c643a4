package dev.tollgate.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.Api;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import tools.jackson.databind.JsonNode;

/**
 * Model-based properties against the real server and database (issue 9, item 1): random
 * sequences of authorise, settle, replay, failed call, refund, purchase, redeem, expiry, top-up
 * and bill, each on its own fresh root account, checked step by step against {@link AccountModel}.
 *
 * <p>A try is a batch of {@link #SEQUENCES_PER_TRY} sequences run concurrently (the hot path then
 * batches their settles into shared commits, which is what can go wrong), in three rounds at three
 * instants of the try's own month: A on the month's last evening; B two hours later, after the
 * grant-expiry job; C just after midnight, after the month's bills were generated. Every answer
 * is checked as it comes; after every round and every clock move the stored state (cached and
 * journal balances of wallets and grants, receivables, nothing negative, entries summing to zero)
 * is compared with the models ({@link StoredState}), and at the end of a try each family must pass
 * {@code GET /v1/ledger/reconciliation?rootId=}. 200 tries × 50 = 10,000 sequences, seed fixed;
 * {@code -Dtollgate.model.batches=10} (the {@code nightly} profile) runs 10× as many.
 */
class LedgerModelProperties {
  static final int SEQUENCES_PER_TRY = 50;
  static final int BATCHES = Integer.getInteger("tollgate.model.batches", 1);
  private static final int THREADS = 8;
  private static final long CODE_CENTS = 300;
  private static final AtomicInteger TRIES = new AtomicInteger();

  private static ModelServer server;
  private static Catalog catalog;
  private static ExecutorService pool;

  /** A generated sequence: its account's billing and the steps of rounds A, B and C. */
  record Sequence(boolean postpaid, List<Action> roundA, List<Action> roundB, List<Action> roundC) {
    long freshCodes() {
      return List.of(roundA, roundB, roundC).stream().flatMap(List::stream)
          .filter(a -> a instanceof Action.Redeem r && !r.again()).count();
    }
  }

  @BeforeContainer
  static void startServer() {
    pool = Executors.newFixedThreadPool(THREADS);
    server = ModelServer.start();
    catalog = Catalog.create(server.api);
  }

  @AfterContainer
  static void stopServer() {
    pool.shutdownNow();
    if (server != null) {
      server.api.delete("/v1/test/clock");
      server.close();
    }
  }

  @Property(tries = 200, seed = "20261122", shrinking = ShrinkingMode.BOUNDED, edgeCases = EdgeCasesMode.NONE)
  void everyStepAgreesWithTheReferenceModelAndTheLedgerReconciles(@ForAll("batches") List<Sequence> sequences)
      throws Exception {
    YearMonth month = YearMonth.of(2031, 1).plusMonths(2L * TRIES.getAndIncrement());
    Instant roundA = month.atEndOfMonth().atTime(20, 0).toInstant(ZoneOffset.UTC);
    Instant roundB = roundA.plusSeconds(2 * 3600);
    Instant roundC = month.plusMonths(1).atDay(1).atTime(1, 0).toInstant(ZoneOffset.UTC);
    Api api = server.api;
    clock(roundA);
    Queue<String> codes = codes(sequences.stream().mapToLong(Sequence::freshCodes).sum());
    List<AccountModel> models = inParallel(sequences, s -> openAccount(s.postpaid()));
    List<List<String>> traces = new ArrayList<>();
    models.forEach(m -> traces.add(new ArrayList<>()));

    runRound(new SequenceRun.Round(api, catalog.meter(), catalog.unitPriceNanos(), catalog.packages(), codes,
        CODE_CENTS * AccountModel.NANOS_PER_CENT, month.toString(), roundA), sequences, models, traces, Sequence::roundA);

    clock(roundB);
    server.runJob("grant-expiry");
    models.forEach(m -> {
      m.expire(roundB);
      m.holdsExpired();
    });
    StoredState.assertAgrees(server.jdbc, models, traces);
    runRound(new SequenceRun.Round(api, catalog.meter(), catalog.unitPriceNanos(), catalog.packages(), codes,
        CODE_CENTS * AccountModel.NANOS_PER_CENT, month.toString(), roundB), sequences, models, traces, Sequence::roundB);

    clock(roundC);
    Api.Response bills = api.post("/v1/bills:generate", "{\"month\":\"" + month + "\"}");
    assertThat(bills.status()).as(bills.toString()).isEqualTo(200);
    server.runJob("grant-expiry");
    models.forEach(m -> {
      m.expire(roundC);
      m.holdsExpired();
      m.bill();
    });
    StoredState.assertAgrees(server.jdbc, models, traces);
    runRound(new SequenceRun.Round(api, catalog.meter(), catalog.unitPriceNanos(), catalog.packages(), codes,
        CODE_CENTS * AccountModel.NANOS_PER_CENT, month.toString(), roundC), sequences, models, traces, Sequence::roundC);
    assertReconciled(models);
  }

  /** Every sequence's steps of one round, concurrently; then the stored state and each family's ledger. */
  private static void runRound(SequenceRun.Round round, List<Sequence> sequences, List<AccountModel> models,
      List<List<String>> traces, Function<Sequence, List<Action>> steps) throws Exception {
    List<Integer> indexes = new ArrayList<>();
    for (int i = 0; i < sequences.size(); i++) {
      indexes.add(i);
    }
    inParallel(indexes, i -> {
      try {
        new SequenceRun(round, models.get(i), traces.get(i)).run(steps.apply(sequences.get(i)));
      } catch (AssertionError e) {
        throw new AssertionError("sequence " + models.get(i) + "\nsteps:\n  " + String.join("\n  ", traces.get(i)), e);
      }
      return null;
    });
    StoredState.assertAgrees(server.jdbc, models, traces);
  }

  /** The product's own reconciliation of every family. */
  private static void assertReconciled(List<AccountModel> models) throws Exception {
    inParallel(models, m -> {
      Api.Response r = server.api.get("/v1/ledger/reconciliation?rootId=" + m.accountId);
      assertThat(r.json().get("balanced").asBoolean()).as("reconciliation of " + m + ": " + r).isTrue();
      return null;
    });
  }

  private static AccountModel openAccount(boolean postpaid) {
    String id = "model-" + UUID.randomUUID().toString().substring(0, 13);
    Api.Response r = server.api.post("/v1/accounts", "{\"id\":\"" + id + "\",\"name\":\"" + id + "\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    if (postpaid) {
      r = server.api.put("/v1/accounts/" + id + "/settings", "{\"postpaidEnabled\":true}");
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }
    return new AccountModel(id, postpaid);
  }

  /** Single-use balance codes for the try's fresh redemptions, created in batches of at most 1,000. */
  private static Queue<String> codes(long count) {
    Queue<String> codes = new ConcurrentLinkedQueue<>();
    for (long left = count; left > 0; left -= 1000) {
      Api.Response r = server.api.post("/v1/redemption-codes", "{\"kind\":\"balance\",\"amount\":\"3.00\",\"currency\":\"USD\","
          + "\"count\":" + Math.min(left, 1000) + ",\"maxRedemptions\":1,\"perAccountLimit\":1}");
      assertThat(r.status()).as(r.toString()).isEqualTo(201);
      for (JsonNode code : r.json().get("codes")) {
        codes.add(code.asString());
      }
    }
    return codes;
  }

  private static void clock(Instant now) {
    Api.Response r = server.api.put("/v1/test/clock", "{\"now\":\"" + now + "\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
  }

  private static <T, R> List<R> inParallel(List<T> items, Function<T, R> task) throws Exception {
    List<Future<R>> futures = new ArrayList<>();
    for (T item : items) {
      futures.add(pool.submit(() -> task.apply(item)));
    }
    List<R> results = new ArrayList<>();
    try {
      for (Future<R> f : futures) {
        results.add(f.get());
      }
    } catch (ExecutionException e) {
      futures.forEach(f -> f.cancel(true));
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
    return results;
  }

  // ---- generators ----

  @Provide
  Arbitrary<List<Sequence>> batches() {
    Arbitrary<List<Action>> round = action().list().ofMinSize(1).ofMaxSize(3);
    return Combinators.combine(Arbitraries.of(true, false), round, round, round).as(Sequence::new)
        .list().ofSize(SEQUENCES_PER_TRY * BATCHES);
  }

  private static Arbitrary<Action> action() {
    Arbitrary<Integer> pick = Arbitraries.integers().between(0, 9);
    Arbitrary<Integer> units = Arbitraries.integers().between(0, 300);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, Combinators.combine(Arbitraries.longs().between(1, 3000), Arbitraries.of(false, false, false, true))
            .as(Action.TopUp::new)),
        net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(1, 200).map(Action.Authorise::new)),
        net.jqwik.api.Tuple.of(1, pick.map(Action.AuthoriseAgain::new)),
        net.jqwik.api.Tuple.of(1, pick.map(Action.Release::new)),
        net.jqwik.api.Tuple.of(1, pick.map(Action.Renew::new)),
        net.jqwik.api.Tuple.of(5, Combinators.combine(pick, units).as(Action.Settle::new)),
        net.jqwik.api.Tuple.of(2, Combinators.combine(pick, units).as(Action.Fail::new)),
        net.jqwik.api.Tuple.of(2, pick.map(Action.Replay::new)),
        net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0, 1).map(Action.Purchase::new)),
        net.jqwik.api.Tuple.of(2, pick.map(Action.Refund::new)),
        net.jqwik.api.Tuple.of(2, Combinators.combine(Arbitraries.of(false, false, false, true), pick).as(Action.Redeem::new)),
        net.jqwik.api.Tuple.of(2, Arbitraries.longs().between(1, 500).map(Action.ExpiringGrant::new)),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(new Action.PayBill())));
  }
}
