package dev.tollgate.server.billing;

import dev.tollgate.core.billing.BillingMonth;
import dev.tollgate.server.jobs.RecurringJob;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.YearMonth;
import org.springframework.stereotype.Component;

/**
 * {@code monthly-bills}: at the business clock's now, issues every bill that is due — each
 * account's bill for every month that has ended in its zone, has postpaid calls and has no bill
 * yet (so a run after downtime catches up) — then marks bills past their grace overdue. It calls
 * the same {@link BillRun#generate} as {@code POST /v1/bills:generate}; running it again, late or
 * on two nodes at once writes nothing twice.
 */
@Component
public class MonthlyBillsJob implements RecurringJob {
  /** Seed 004 bills "on the 1st to 3rd day"; a quarter hour is soon enough and cheap. */
  static final Duration INTERVAL = Duration.ofMinutes(15);
  /**
   * How far back the job looks for unbilled postpaid calls: three months covers any outage an
   * operator would not notice; an older month is billed with {@code POST /v1/bills:generate}.
   */
  static final Duration CATCH_UP = Duration.ofDays(93);

  private final BillRun run;
  private final BillStore bills;
  private final InstantSource clock;

  MonthlyBillsJob(BillRun run, BillStore bills, InstantSource clock) {
    this.run = run;
    this.bills = bills;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "monthly-bills";
  }

  @Override
  public Duration interval() {
    return INTERVAL;
  }

  @Override
  public void run() {
    Instant now = clock.instant();
    for (String month : bills.unbilledMonths(now.minus(CATCH_UP), now)) {
      BillingMonth m = new BillingMonth(YearMonth.parse(month));
      if (m.endedAnywhereAt(now)) {
        run.generate(m, now);
      }
    }
    run.markOverdue(now);
  }
}
