package dev.tollgate.server.billing;

import dev.tollgate.server.jobs.RecurringJob;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** {@code postpaid-hourly}: runs {@link HourlyDeduction}; the hour claim makes extra runs free. */
@Component
class PostpaidHourlyJob implements RecurringJob {
  /** Looks every five minutes so an hour is deducted within five minutes of its end. */
  static final Duration INTERVAL = Duration.ofMinutes(5);

  private final HourlyDeduction deduction;

  PostpaidHourlyJob(HourlyDeduction deduction) {
    this.deduction = deduction;
  }

  @Override
  public String name() {
    return "postpaid-hourly";
  }

  @Override
  public Duration interval() {
    return INTERVAL;
  }

  @Override
  public void run() {
    deduction.run();
  }
}
