package dev.tollgate.server.payments;

import com.stripe.param.checkout.SessionCreateParams;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Stands in for Stripe's API: records what would be sent and answers like Stripe, with no network. */
@TestConfiguration(proxyBeanMethods = false)
class FakeStripe {
  static final List<SessionCreateParams> SENT = new CopyOnWriteArrayList<>();
  static volatile boolean down;
  private static final AtomicInteger SESSIONS = new AtomicInteger();

  @Bean
  @Primary
  StripeCheckout fakeStripeCheckout() {
    return (params, secretKey) -> {
      if (down) {
        throw new StripeCheckout.CheckoutFailed("connection refused", null);
      }
      SENT.add(params);
      String id = "cs_test_" + SESSIONS.incrementAndGet();
      return new StripeCheckout.Session(id, "https://checkout.stripe.test/c/pay/" + id);
    };
  }
}
