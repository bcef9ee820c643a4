package dev.tollgate.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.Api;
import dev.tollgate.server.support.ConsoleClient;
import dev.tollgate.server.support.ServerTest;
import org.junit.jupiter.api.Test;

/** A mistyped console address is a page in the console, not a JSON problem; the API keeps its problems. */
class ConsoleNotFoundTest extends ServerTest {
  @Test
  void anUnknownConsolePathIsTheConsolesOwnNotFoundPage() {
    ConsoleClient browser = new ConsoleClient(api().base());
    browser.signIn(ADMIN_TOKEN);

    ConsoleClient.Page page = browser.get("/console/no-such-page&more");
    assertThat(page.status()).isEqualTo(404);
    assertThat(page.header("Content-Type")).startsWith("text/html");
    assertThat(page.body()).as("the address is escaped").contains("There is no console page at /console/no-such-page&amp;more.")
        .contains("not_found")
        .as("the navigation of a signed-in operator").contains("href=\"/console/usage\"");
  }

  @Test
  void signedOutAnUnknownConsolePathStillAsksToSignInFirst() {
    ConsoleClient.Page page = new ConsoleClient(api().base()).get("/console/no-such-page");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("name=\"token\"");
  }

  @Test
  void theApiAndTheConsolesAssetsAreUnchanged() {
    Api.Response api = api().get("/v1/no-such-resource");
    assertThat(api.status()).isEqualTo(404);
    assertThat(api.code()).isEqualTo("not_found");
    assertThat(api.contentType()).startsWith("application/problem+json");

    ConsoleClient.Page css = new ConsoleClient(api().base()).get("/console/assets/console.css");
    assertThat(css.status()).isEqualTo(200);
    assertThat(css.header("Content-Type")).startsWith("text/css");
  }
}
