package dev.tollgate.server.payments;

import com.stripe.param.checkout.SessionCreateParams;

/**
 * Creates a Stripe Checkout session. The one implementation that reaches the network is {@link
 * StripeApiCheckout}; tests substitute a fake, so no test talks to Stripe.
 */
public interface StripeCheckout {
  /** A created session: Stripe's id ({@code cs_…}) and the URL the customer pays at. */
  record Session(String id, String url) {}

  /** Thrown when Stripe cannot be reached or refuses the request; the order is then marked failed. */
  final class CheckoutFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CheckoutFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  Session create(SessionCreateParams params, String secretKey);
}
