package dev.tollgate.server.payments;

import com.stripe.exception.StripeException;
import com.stripe.net.RequestOptions;
import com.stripe.param.checkout.SessionCreateParams;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The real Stripe client; the key is passed per request, never set globally on the SDK. */
final class StripeApiCheckout implements StripeCheckout {
  @Override
  public Session create(SessionCreateParams params, String secretKey) {
    try {
      com.stripe.model.checkout.Session s = com.stripe.model.checkout.Session.create(
          params, RequestOptions.builder().setApiKey(secretKey).build());
      return new Session(s.getId(), s.getUrl());
    } catch (StripeException e) {
      throw new CheckoutFailed("Stripe refused or could not be reached: " + e.getClass().getSimpleName(), e);
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Wiring {
    @Bean
    @ConditionalOnMissingBean(StripeCheckout.class)
    StripeCheckout stripeCheckout() {
      return new StripeApiCheckout();
    }
  }
}
