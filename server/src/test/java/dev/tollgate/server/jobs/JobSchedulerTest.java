package dev.tollgate.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.ServerTest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class JobSchedulerTest extends ServerTest {
  @Autowired DataSource dataSource;

  @Test
  void runsAJobOnOneNodeAtATimeWhenTwoNodesScheduleIt() throws Exception {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    AtomicInteger runs = new AtomicInteger();
    String name = uniqueId("job");
    RecurringJob job = new RecurringJob() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Duration interval() {
        return Duration.ofMillis(200);
      }

      @Override
      public void run() {
        if (running.incrementAndGet() > 1) {
          overlaps.incrementAndGet();
        }
        runs.incrementAndGet();
        try {
          Thread.sleep(300);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          running.decrementAndGet();
        }
      }
    };
    JobScheduler nodeA = new JobScheduler(dataSource, List.of(job), true, Duration.ofMillis(100));
    JobScheduler nodeB = new JobScheduler(dataSource, List.of(job), true, Duration.ofMillis(100));
    nodeA.start();
    nodeB.start();
    try {
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (runs.get() < 3 && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
    } finally {
      nodeA.stop();
      nodeB.stop();
    }
    assertThat(runs.get()).isGreaterThanOrEqualTo(3);
    assertThat(overlaps.get()).as("the job never ran on both nodes at once").isZero();
  }
}
