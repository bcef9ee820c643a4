package dev.tollgate.server.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs every {@link RecurringJob} bean with db-scheduler: each job is a row in {@code
 * scheduled_tasks}, picked by one node at a time, so jobs run once across any number of nodes and
 * one missed while all nodes were down runs as soon as one is back. Off with {@code
 * tollgate.jobs.enabled=false} (test suites call jobs directly).
 */
@Component
class JobScheduler implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(JobScheduler.class);
  /** How often a node asks for due jobs; jobs are minutes apart, so a few seconds is plenty. */
  static final Duration POLLING_INTERVAL = Duration.ofSeconds(5);
  static final int THREADS = 2;
  /** Within the server's graceful shutdown phase (20 s). */
  static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(15);

  private final Scheduler scheduler;
  private final boolean enabled;
  private volatile boolean running;

  @org.springframework.beans.factory.annotation.Autowired
  JobScheduler(DataSource dataSource, List<RecurringJob> jobs, @Value("${tollgate.jobs.enabled:true}") boolean enabled) {
    this(dataSource, jobs, enabled, POLLING_INTERVAL);
  }

  JobScheduler(DataSource dataSource, List<RecurringJob> jobs, boolean enabled, Duration pollingInterval) {
    this.enabled = enabled;
    List<RecurringTask<Void>> tasks = jobs.stream().map(JobScheduler::task).toList();
    this.scheduler = Scheduler.create(dataSource)
        .startTasks(tasks)
        .threads(THREADS)
        .pollingInterval(pollingInterval)
        // A job interrupted by shutdown runs again on the next node: it is idempotent by contract.
        .shutdownMaxWait(SHUTDOWN_WAIT)
        .build();
  }

  private static RecurringTask<Void> task(RecurringJob job) {
    return Tasks.recurring(job.name(), FixedDelay.of(job.interval()))
        .execute((instance, context) -> {
          try {
            job.run();
          } catch (RuntimeException e) {
            log.error("job {} failed; it runs again after {}", job.name(), job.interval(), e);
            throw e;
          }
        });
  }

  @Override
  public void start() {
    if (enabled) {
      scheduler.start();
      running = true;
    }
  }

  @Override
  public void stop() {
    if (running) {
      scheduler.stop();
      running = false;
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
