package dev.tollgate.server.payments;

/**
 * A provider's notification after its signature was verified, reduced to what the order state
 * machine needs. {@code eventId} is the provider's own id (Stripe's {@code evt_…}, EPay's {@code
 * trade_no}): the key that makes handling once per event.
 */
record ProviderEvent(String provider, String eventId, String type, String orderId, Effect effect,
    long paidNanos, String paidCurrency, String detail) {

  enum Effect {
    /** The customer paid {@code paidNanos} of {@code paidCurrency}. */
    PAID,
    /** The payment will not happen (session expired, async payment failed). */
    FAILED,
    /** The payment was refunded in full. */
    REFUNDED,
    /** Recorded in the order's trail, changes nothing (e.g. awaiting an async payment). */
    NOTED
  }
}
