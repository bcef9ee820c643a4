package dev.tollgate.server.credit.packages;

import dev.tollgate.server.http.ApiException;
import dev.tollgate.server.jobs.RecurringJob;
import dev.tollgate.server.notify.Notice;
import dev.tollgate.server.notify.Outbox;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code auto-renew}: renews purchases flagged {@code autoRenew} whose expiry is within {@link
 * #LEAD} of the business clock's now, through the manual path ({@link PurchaseCommands#renew}: the
 * wallet pays the current price, the expiry moves by the validity). The idempotency key {@code
 * auto-renew:{purchaseId}:{expiresAt}} names one renewal per period, so a repeated or concurrent
 * run renews once. A renewal the wallet cannot pay (or any other refusal) is recorded once per
 * expiry in {@code auto_renewal_failures} and announced by an {@code auto_renew_failed} notice; it
 * is not retried (the customer can renew by hand until the purchase expires).
 */
@Component
class AutoRenewJob implements RecurringJob {
  private static final Logger log = LoggerFactory.getLogger(AutoRenewJob.class);
  static final Duration INTERVAL = Duration.ofMinutes(15);
  /** How long before expiry a flagged purchase renews: a day leaves time to top up after a failure. */
  static final Duration LEAD = Duration.ofDays(1);
  static final int BATCH_MAX = 200;
  static final String NOTICE_KIND = "auto_renew_failed";

  private final PurchaseCommands commands;
  private final PurchaseStore purchases;
  private final Outbox outbox;
  private final TransactionTemplate tx;
  private final InstantSource clock;

  AutoRenewJob(PurchaseCommands commands, PurchaseStore purchases, Outbox outbox, TransactionTemplate tx,
      InstantSource clock) {
    this.commands = commands;
    this.purchases = purchases;
    this.outbox = outbox;
    this.tx = tx;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "auto-renew";
  }

  @Override
  public Duration interval() {
    return INTERVAL;
  }

  /** The key of the automatic renewal of a purchase that expires at {@code expiresAt}. */
  static String key(String purchaseId, Instant expiresAt) {
    return "auto-renew:" + purchaseId + ":" + expiresAt;
  }

  @Override
  public void run() {
    Instant now = clock.instant();
    int renewed = 0;
    List<Purchase> due;
    do {
      due = purchases.autoRenewDue(now, now.plus(LEAD), BATCH_MAX);
      for (Purchase p : due) {
        if (renew(p, now)) {
          renewed++;
        }
      }
      // Each one looked at either moved its expiry past the window or has a failure row.
    } while (due.size() == BATCH_MAX);
    if (renewed > 0) {
      log.info("renewed {} purchases automatically", renewed);
    }
  }

  private boolean renew(Purchase p, Instant now) {
    var request = PurchaseRequest.check("renewal", p.id(), "purchaseId", 1, key(p.id(), p.expiresAt()));
    try {
      commands.renew(p.accountId(), request);
      return true;
    } catch (ApiException refused) {
      tx.executeWithoutResult(status -> {
        if (purchases.autoRenewFailed(p, refused.code(), now)) {
          outbox.enqueue(List.of(new Notice(p.rootId(), p.accountId(), NOTICE_KIND,
              NOTICE_KIND + ":" + p.id() + ":" + p.expiresAt(),
              Map.of("purchaseId", p.id(), "packageId", p.packageId(), "expiresAt", p.expiresAt().toString(),
                  "reason", refused.code()),
              now)));
        }
      });
      return false;
    }
  }
}
