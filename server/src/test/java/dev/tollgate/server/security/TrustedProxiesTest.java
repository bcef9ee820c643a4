package dev.tollgate.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.clock.TollgateClock;
import dev.tollgate.server.support.ServerTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Behind a trusted load balancer (TOLLGATE_TRUSTED_PROXIES), wrong tokens count against the client
 * named by X-Forwarded-For, so one guesser does not lock out every client of the balancer.
 */
@TestPropertySource(properties = "tollgate.http.trusted-proxies=127.0.0.1")
class TrustedProxiesTest extends ServerTest {
  @Autowired AuthFailureLimiter failures;
  @Autowired TollgateClock clock;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void atAFixedTime() {
    clock.set(Instant.parse("2033-03-03T10:00:00Z"));
  }

  @AfterEach
  void backToTheSystemClock() {
    clock.reset();
  }

  private int accounts(String token, String forwardedFor) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(api().base() + "/v1/accounts"))
        .header("Authorization", "Bearer " + token).header("X-Forwarded-For", forwardedFor).GET().build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void aGuesserBehindTheBalancerIsLockedOutAloneAndCannotEscapeByForgingTheChain() throws Exception {
    String guesser = "203.0.113.7";
    for (int i = 0; i < failures.failuresMax(); i++) {
      assertThat(accounts("guess-guess-guess-guess", guesser)).isEqualTo(401);
    }
    assertThat(accounts(ADMIN_TOKEN, guesser)).as("past the limit, even with the right token").isEqualTo(429);
    // The balancer appends the address it saw; what the client wrote before it does not count.
    assertThat(accounts(ADMIN_TOKEN, "198.51.100.1, " + guesser)).isEqualTo(429);

    assertThat(accounts(ADMIN_TOKEN, "203.0.113.8")).as("another client of the same balancer").isEqualTo(200);
    assertThat(api().get("/v1/accounts").status()).as("the balancer's own address").isEqualTo(200);
  }
}
