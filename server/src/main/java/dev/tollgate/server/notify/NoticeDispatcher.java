package dev.tollgate.server.notify;

import dev.tollgate.server.jobs.RecurringJob;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Delivers the outbox: fans new notices out to one delivery per enabled channel, then sends the
 * deliveries that are due — claimed in a committed statement, sent outside any transaction, and
 * the outcome recorded after. At least once: a node that dies between sending and recording sends
 * again after the lease, so receivers dedupe by {@code Tollgate-Event-Id}.
 */
@Component
public class NoticeDispatcher implements RecurringJob {
  /** Notices fanned out per statement. */
  static final int FAN_OUT_BATCH_MAX = 500;
  /** Deliveries claimed at a time; sent one after another, each within the webhook timeout. */
  static final int CLAIM_BATCH_MAX = 50;
  /**
   * How long a claim keeps other nodes off a delivery: well above a batch sent one by one at the
   * worst case of {@link WebhookChannel#TIMEOUT} each (50 × 5 s ≈ 4 min).
   */
  static final Duration LEASE = Duration.ofMinutes(10);
  /** Bounds one run; the next run (seconds later) carries on. */
  static final int BATCHES_PER_RUN_MAX = 20;

  private final DeliveryStore store;
  private final WebhookChannel webhooks;
  private final EmailChannel email;
  private final InstantSource clock;

  NoticeDispatcher(DeliveryStore store, WebhookChannel webhooks, EmailChannel email, InstantSource clock) {
    this.store = store;
    this.webhooks = webhooks;
    this.email = email;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "notice-dispatcher";
  }

  @Override
  public Duration interval() {
    return Duration.ofSeconds(5);
  }

  @Override
  public void run() {
    dispatchOnce();
  }

  /** What one run did: notices fanned out, deliveries sent, failed (to retry) and dead. */
  public record Dispatched(int notices, int sent, int failed, int dead) {}

  public Dispatched dispatchOnce() {
    int notices = 0;
    for (int batch = 0; batch < BATCHES_PER_RUN_MAX; batch++) {
      int n = store.fanOut(clock.instant(), FAN_OUT_BATCH_MAX);
      notices += n;
      if (n < FAN_OUT_BATCH_MAX) {
        break;
      }
    }
    int sent = 0;
    int failed = 0;
    int dead = 0;
    for (int batch = 0; batch < BATCHES_PER_RUN_MAX; batch++) {
      Instant now = clock.instant();
      List<ClaimedDelivery> claimed = store.claimDue(now, now.plus(LEASE), CLAIM_BATCH_MAX);
      for (ClaimedDelivery d : claimed) {
        AttemptResult result = switch (d.channel()) {
          case "webhook" -> webhooks.send(d);
          case "email" -> email.send(d);
          default -> throw new IllegalStateException("delivery " + d.id() + " has channel " + d.channel()
              + ", which is written sent and never claimed");
        };
        Instant done = clock.instant();
        if (result instanceof AttemptResult.Sent s) {
          store.recordAttempt(d.id(), d.attempt(), "sent", null, null, s.statusCode(), done);
          sent++;
        } else if (result instanceof AttemptResult.Failed f) {
          Optional<Duration> wait = RetrySchedule.after(d.attempt());
          if (wait.isPresent()) {
            store.recordAttempt(d.id(), d.attempt(), "failed", done.plus(wait.get()), f.error(), f.statusCode(), done);
            failed++;
          } else {
            store.recordAttempt(d.id(), d.attempt(), "dead", null, f.error(), f.statusCode(), done);
            dead++;
          }
        }
      }
      if (claimed.size() < CLAIM_BATCH_MAX) {
        break;
      }
    }
    return new Dispatched(notices, sent, failed, dead);
  }
}
