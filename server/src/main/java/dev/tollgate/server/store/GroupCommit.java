package dev.tollgate.server.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: requests that arrive together are applied in one database transaction, and every
 * caller is answered only after that transaction committed.
 *
 * <p>There is no timer: a writer takes whatever is queued (up to {@code batchMax}) the moment it is
 * free. Idle, a batch is one request and the latency is one commit; under load, requests queue
 * while the previous batch commits, so batches grow exactly as fast as the load does and shrink
 * when it drops. Throughput is then bounded by work per row, not by commits (fsyncs) per second.
 *
 * <p>A batch that fails as a whole (one poisoned request, a lost deadlock with another node) is
 * retried request by request, each in its own transaction, so one bad request fails alone.
 *
 * @param <I> a request
 * @param <O> its answer
 */
public final class GroupCommit<I, O> implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

  private final String name;
  private final int batchMax;
  private final BlockingQueue<Pending<I, O>> queue;
  private final Function<List<I>, List<O>> transaction;
  private final List<Thread> writers = new ArrayList<>();
  private final BatchListener listener;
  private volatile boolean open = true;

  /** Told the size of every committed batch (for metrics). */
  @FunctionalInterface
  public interface BatchListener {
    void committed(int size, long nanos);
  }

  /**
   * @param transaction applies a batch in one transaction and returns one answer per request, in
   *     order; it runs on a writer thread and must commit before it returns
   */
  public GroupCommit(
      String name, int batchMax, int queueMax, int writerCount,
      Function<List<I>, List<O>> transaction, BatchListener listener) {
    if (batchMax < 1 || queueMax < batchMax || writerCount < 1) {
      throw new IllegalArgumentException("need batchMax ≥ 1, queueMax ≥ batchMax, writers ≥ 1");
    }
    this.name = name;
    this.batchMax = batchMax;
    this.queue = new ArrayBlockingQueue<>(queueMax);
    this.transaction = transaction;
    this.listener = listener;
    for (int i = 0; i < writerCount; i++) {
      Thread t = new Thread(this::run, name + "-writer-" + i);
      t.setDaemon(true);
      writers.add(t);
      t.start();
    }
  }

  /**
   * Queues a request. The future completes after the batch holding it committed, or exceptionally
   * with {@link Overloaded} at once when the queue is full (backpressure instead of unbounded
   * memory), or with whatever the transaction threw for this request.
   */
  public CompletableFuture<O> submit(I request) {
    Pending<I, O> pending = new Pending<>(request, new CompletableFuture<>());
    if (!open || !queue.offer(pending)) {
      pending.answer.completeExceptionally(new Overloaded(name));
    }
    return pending.answer;
  }

  private void run() {
    List<Pending<I, O>> batch = new ArrayList<>(batchMax);
    while (open || !queue.isEmpty()) {
      try {
        Pending<I, O> first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, batchMax - 1);
        apply(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (RuntimeException | Error e) {
        // apply() answers every request itself; this is a bug in it. Fail the batch, keep going.
        log.error("{}: unexpected failure outside a batch", name, e);
        batch.forEach(p -> p.answer.completeExceptionally(e));
      } finally {
        batch.clear();
      }
    }
  }

  private void apply(List<Pending<I, O>> batch) {
    List<I> requests = new ArrayList<>(batch.size());
    batch.forEach(p -> requests.add(p.request));
    long started = System.nanoTime();
    try {
      List<O> answers = transaction.apply(requests);
      if (answers.size() != batch.size()) {
        throw new IllegalStateException(name + ": " + answers.size() + " answers for " + batch.size() + " requests");
      }
      listener.committed(batch.size(), System.nanoTime() - started);
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).answer.complete(answers.get(i));
      }
    } catch (RuntimeException e) {
      if (batch.size() == 1) {
        batch.get(0).answer.completeExceptionally(e);
        return;
      }
      log.warn("{}: a batch of {} failed ({}); applying its requests one by one", name, batch.size(), e.toString());
      for (Pending<I, O> p : batch) {
        apply(List.of(p));
      }
    }
  }

  public int queued() {
    return queue.size();
  }

  /** Stops taking requests, lets the writers finish what is queued, and waits for them. */
  @Override
  public void close() throws InterruptedException {
    open = false;
    for (Thread t : writers) {
      t.join(TimeUnit.SECONDS.toMillis(30));
    }
    Pending<I, O> left;
    while ((left = queue.poll()) != null) {
      left.answer.completeExceptionally(new Overloaded(name));
    }
  }

  private record Pending<I, O>(I request, CompletableFuture<O> answer) {}

  /** The queue is full or closed: the caller should answer 503 and the client retry. */
  public static final class Overloaded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Overloaded(String name) {
      super(name + " is at capacity; retry shortly", null, false, false);
    }
  }
}
