package dev.tollgate.server.reliability;

import dev.tollgate.server.TollgateApplication;
import dev.tollgate.server.jobs.RecurringJob;
import dev.tollgate.server.support.Api;
import dev.tollgate.server.support.ServerTest;
import dev.tollgate.server.support.TestDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The real server for jqwik properties, which Spring's JUnit Jupiter extension does not reach: the
 * same configuration as {@link ServerTest} (random port, the JVM's one embedded PostgreSQL, test
 * clock on, jobs off), started once per property class. Its test clock is its own, so moving it
 * cannot disturb the other tests' contexts.
 */
final class ModelServer implements AutoCloseable {
  private final ConfigurableApplicationContext context;
  final Api api;
  final JdbcClient jdbc;

  private ModelServer(ConfigurableApplicationContext context) {
    this.context = context;
    this.api = new Api("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"), ServerTest.ADMIN_TOKEN);
    this.jdbc = context.getBean(JdbcClient.class);
  }

  static ModelServer start() {
    // Command-line arguments: they outrank application.yml, as @SpringBootTest properties do.
    return new ModelServer(new SpringApplicationBuilder(TollgateApplication.class).run(
        "--server.port=0",
        "--tollgate.admin-token=" + ServerTest.ADMIN_TOKEN,
        "--tollgate.test-clock=true",
        "--tollgate.jobs.enabled=false",
        "--logging.structured.format.console=",
        "--tollgate.db.url=" + TestDatabase.jdbcUrl(),
        "--tollgate.db.user=postgres",
        "--tollgate.db.password=" + TestDatabase.password()));
  }

  /** Runs a recurring job now, at the business clock, as the scheduler would. */
  void runJob(String name) {
    context.getBeansOfType(RecurringJob.class).values().stream()
        .filter(job -> job.name().equals(name))
        .findFirst().orElseThrow(() -> new IllegalArgumentException("no job " + name))
        .run();
  }

  @Override
  public void close() {
    context.close();
  }
}
