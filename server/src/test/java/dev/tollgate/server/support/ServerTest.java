package dev.tollgate.server.support;

import dev.tollgate.server.TollgateApplication;
import java.util.UUID;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of HTTP integration tests: the real server on a random port, against the JVM's one embedded
 * PostgreSQL, with the test clock on. Subclasses talk to it through {@link #api}.
 */
@SpringBootTest(
    classes = TollgateApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "tollgate.admin-token=" + ServerTest.ADMIN_TOKEN,
      "tollgate.test-clock=true",
      // Tests run jobs themselves, at the instants they choose; JobSchedulerTest covers the scheduler.
      "tollgate.jobs.enabled=false",
      "logging.structured.format.console=",
    })
public abstract class ServerTest {
  public static final String ADMIN_TOKEN = "test-admin-token-0123456789";

  @LocalServerPort protected int port;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("tollgate.db.url", TestDatabase::jdbcUrl);
    registry.add("tollgate.db.user", () -> "postgres");
    registry.add("tollgate.db.password", TestDatabase::password);
  }

  protected Api api() {
    return new Api("http://127.0.0.1:" + port, ADMIN_TOKEN);
  }

  /** An id no other test uses, readable in failures. */
  protected static String uniqueId(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
