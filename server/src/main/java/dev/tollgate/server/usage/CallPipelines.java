package dev.tollgate.server.usage;

import dev.tollgate.server.store.GroupCommit;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The two group-commit pipelines of the hot path, one for authorise and one for settle, each
 * applying its batches in one transaction. They never deadlock: every batch locks its accounts in
 * id order.
 *
 * <p>Settle has two writers: while one batch waits for its commit to reach the disk, the other is
 * being applied, which carries more settles a second than one writer at 64 and 256 clients.
 * Authorise has one: at 2,000 calls a second two free writers split the queue into batches of
 * 1.1–1.4 calls, each paying a whole transaction; one writer makes batches of about two and
 * costs PostgreSQL 30 % less CPU (and the server 15–25 % less), with a p99 better or equal in
 * eight 20-second rounds (BENCHMARKS.md, "Runs 34–37"). Both counts can be set
 * ({@code tollgate.hot-path.settle-writers}, {@code tollgate.hot-path.authorize-writers}).
 */
@Component
class CallPipelines {
  /** Largest batch in one transaction: big enough to amortise a commit, small enough to hold locks briefly. */
  static final int BATCH_MAX = 1000;
  /** Requests waiting beyond this are refused with 503 rather than queued without bound. */
  static final int QUEUE_MAX = 20_000;
  static final int SETTLE_WRITERS = 2;
  static final int AUTHORIZE_WRITERS = 1;

  private final GroupCommit<SettleCommand, CallAnswer> settle;
  private final GroupCommit<AuthorizeCommand, CallAnswer> authorize;

  CallPipelines(
      SettleBatch settleBatch, AuthorizeBatch authorizeBatch, TransactionTemplate tx, MeterRegistry registry,
      @Value("${tollgate.hot-path.settle-writers:" + SETTLE_WRITERS + "}") int settleWriters,
      @Value("${tollgate.hot-path.authorize-writers:" + AUTHORIZE_WRITERS + "}") int authorizeWriters) {
    this.settle = new GroupCommit<>("settle", BATCH_MAX, QUEUE_MAX, settleWriters,
        batch -> tx.execute(status -> settleBatch.apply(batch)), listener(registry, "settle"));
    this.authorize = new GroupCommit<>("authorize", BATCH_MAX, QUEUE_MAX, authorizeWriters,
        batch -> tx.execute(status -> authorizeBatch.apply(batch)), listener(registry, "authorize"));
  }

  private static GroupCommit.BatchListener listener(MeterRegistry registry, String name) {
    DistributionSummary sizes = DistributionSummary.builder("tollgate.batch.size").tag("pipeline", name)
        .description("requests per committed transaction").register(registry);
    // Buckets: a slow batch delays every call in it, so its time is the first suspect of a latency tail.
    Timer time = Timer.builder("tollgate.batch.time").tag("pipeline", name)
        .description("time to apply and commit one batch")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1).dividedBy(10))
        .maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry);
    return (size, nanos) -> {
      sizes.record(size);
      time.record(nanos, TimeUnit.NANOSECONDS);
    };
  }

  CompletableFuture<CallAnswer> settle(SettleCommand command) {
    return settle.submit(command);
  }

  CompletableFuture<CallAnswer> authorize(AuthorizeCommand command) {
    return authorize.submit(command);
  }

  @PreDestroy
  void close() throws InterruptedException {
    // Authorise first: a settle may still arrive for a call it admitted.
    authorize.close();
    settle.close();
  }
}
