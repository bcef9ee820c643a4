package dev.tollgate.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.Api;
import dev.tollgate.server.support.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, as a user meets it: the packaged jar on an empty data directory,
 * restarted, doubled, and killed.
 */
class EmbeddedServerJarIT {
  private static final Pattern TOKEN = Pattern.compile("(tga_[0-9a-f]{64})");
  private final Path jar = Path.of(System.getProperty("tollgate.jar", "target/tollgate.jar"));

  @Test
  void keepsDataAcrossRestartsRefusesASecondServerAndRecoversFromKillNine(@TempDir Path work) throws Exception {
    Path data = work.resolve("data");
    String token;
    String accountId = "jar-it-account";

    // A locale the machine lacks, as in container images that set LANG without installing it:
    // initdb must not depend on it.
    Map<String, String> missingLocale = Map.of("LANG", "xx_XX.UTF-8", "LC_ALL", "xx_XX.UTF-8");
    try (ServerProcess first = ServerProcess.start(jar, data, work.resolve("first.log"), missingLocale).awaitHealthy()) {
      String output = first.output();
      Matcher m = TOKEN.matcher(output);
      assertThat(m.find()).as("the generated admin token is printed on first start").isTrue();
      token = m.group(1);
      assertThat(output.indexOf(token)).isEqualTo(output.lastIndexOf(token));

      Api api = new Api(first.base(), token);
      assertThat(api.post("/v1/accounts", "{\"id\":\"" + accountId + "\",\"name\":\"Jar\"}").status()).isEqualTo(201);
      Api.Response store = api.get("/v1/system/store");
      assertThat(store.text("mode")).isEqualTo("embedded");
      assertThat(store.json().get("fsync").asBoolean()).isTrue();
      assertThat(store.text("synchronousCommit")).isEqualTo("on");
      assertThat(store.text("collation")).isEqualTo("builtin C.UTF-8");
      assertThat(store.json().get("bytewiseCollation").asBoolean()).isTrue();

      ServerProcess second = ServerProcess.start(jar, data, work.resolve("second.log"), Map.of());
      int exit = second.awaitExit(Duration.ofSeconds(90));
      assertThat(exit).isNotZero();
      assertThat(second.output()).contains("is in use by another Tollgate server");
      // The first server is untouched by the attempt.
      assertThat(api.get("/v1/accounts/" + accountId).status()).isEqualTo(200);

      first.stop();
      assertThat(first.output())
          .as("PostgreSQL stops after the connection pool, not while it is in use")
          .doesNotContain("Failed to validate connection");
      assertThat(Files.exists(data.resolve("postgres/postmaster.pid")))
          .as("a graceful stop stops PostgreSQL too").isFalse();
    }

    try (ServerProcess again = ServerProcess.start(jar, data, work.resolve("again.log"), Map.of()).awaitHealthy()) {
      assertThat(again.output()).doesNotContain("tga_");
      Api api = new Api(again.base(), token);
      assertThat(api.get("/v1/accounts/" + accountId).status()).isEqualTo(200);
      again.kill();
    }

    try (ServerProcess afterKill = ServerProcess.start(jar, data, work.resolve("after-kill.log"), Map.of()).awaitHealthy()) {
      Api api = new Api(afterKill.base(), token);
      assertThat(api.get("/v1/accounts/" + accountId).text("name")).isEqualTo("Jar");
    }
  }

  @Test
  void usesTheConfiguredAdminTokenAndPrintsNone(@TempDir Path work) throws Exception {
    String configured = "operator-chosen-token-1234567890";
    try (ServerProcess server = ServerProcess.start(
        jar, work.resolve("data"), work.resolve("server.log"), Map.of("TOLLGATE_ADMIN_TOKEN", configured)).awaitHealthy()) {
      assertThat(new Api(server.base(), configured).get("/v1/accounts").status()).isEqualTo(200);
      assertThat(server.output()).doesNotContain(configured).doesNotContain("tga_");
    }
  }

  @Test
  void refusesToStartWithATooShortAdminToken(@TempDir Path work) throws Exception {
    ServerProcess server = ServerProcess.start(
        jar, work.resolve("data"), work.resolve("server.log"), Map.of("TOLLGATE_ADMIN_TOKEN", "short"));
    assertThat(server.awaitExit(Duration.ofSeconds(90))).isNotZero();
    assertThat(server.output()).contains("TOLLGATE_ADMIN_TOKEN must be at least 16 characters");
  }
}
