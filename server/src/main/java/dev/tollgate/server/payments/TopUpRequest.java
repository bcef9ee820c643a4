package dev.tollgate.server.payments;

import dev.tollgate.core.money.Nanos;
import dev.tollgate.server.http.ApiException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Set;
import org.springframework.http.HttpStatus;

/** A top-up order request, checked before anything is read or written. */
record TopUpRequest(long payAmountNanos, String payCurrency, String provider, String idempotencyKey) {
  static final Set<String> PROVIDERS = Set.of("stripe", "epay");
  /** Stripe and EPay both charge USD and CNY in cents/fen. */
  static final Set<String> PAY_CURRENCIES = Set.of("USD", "CNY");
  static final int MINOR_UNIT_DIGITS = 2;
  /** One top-up is at most this much of its currency: above it, an operator credit is the right tool. */
  static final long AMOUNT_MAX_NANOS = 1_000_000L * Nanos.PER_UNIT;
  static final int IDEMPOTENCY_KEY_LENGTH_MAX = 128;

  static TopUpRequest check(String amount, String currency, String provider, String idempotencyKey, String accountCurrency) {
    if (provider == null) {
      throw ApiException.missingField("provider");
    }
    if (!PROVIDERS.contains(provider)) {
      throw ApiException.invalidField("provider", "provider_invalid", "provider is stripe or epay");
    }
    if (amount == null) {
      throw ApiException.missingField("amount");
    }
    long nanos = Nanos.parse(amount);
    if (nanos <= 0) {
      throw ApiException.invalidField("amount", "amount_not_positive", "amount is above zero");
    }
    if (nanos > AMOUNT_MAX_NANOS) {
      throw ApiException.invalidField("amount", "amount_out_of_range", "a top-up is at most 1000000");
    }
    if (Nanos.roundHalfUp(nanos, MINOR_UNIT_DIGITS) != nanos) {
      throw ApiException.invalidField("amount", "amount_precision", "a payment has at most 2 decimals (cents, fen)");
    }
    // EPay gateways charge CNY only; Stripe charges the account's currency unless told otherwise.
    String pay = currency != null ? currency : provider.equals("epay") ? "CNY" : accountCurrency;
    if (!PAY_CURRENCIES.contains(pay) || (provider.equals("epay") && !pay.equals("CNY"))) {
      throw ApiException.invalidField("currency", "currency_unsupported",
          provider.equals("epay") ? "EPay charges CNY only" : "Stripe top-ups are paid in USD or CNY");
    }
    if (idempotencyKey != null && (idempotencyKey.isEmpty() || idempotencyKey.length() > IDEMPOTENCY_KEY_LENGTH_MAX)) {
      throw ApiException.invalidField("idempotencyKey", "idempotency_key_invalid", "idempotencyKey has 1 to 128 characters");
    }
    return new TopUpRequest(nanos, pay, provider, idempotencyKey);
  }

  String digest() {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256")
          .digest((provider + "|" + payCurrency + "|" + payAmountNanos).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /**
   * What the wallet receives for {@code payNanos} paid in {@code payCurrency}, in the account's
   * currency. The same currency: the amount. CNY paid into a USD account: paid ÷ rate; USD into a
   * CNY account: paid × rate; each rounded half-up to the nano once. Other pairs have no rate.
   */
  static long creditNanos(long payNanos, String payCurrency, String accountCurrency, BigDecimal usdCnyRate) {
    if (payCurrency.equals(accountCurrency)) {
      return payNanos;
    }
    BigDecimal paid = Nanos.toDecimal(payNanos);
    BigDecimal credit;
    if (payCurrency.equals("CNY") && accountCurrency.equals("USD")) {
      credit = paid.divide(usdCnyRate, Nanos.SCALE, RoundingMode.HALF_UP);
    } else if (payCurrency.equals("USD") && accountCurrency.equals("CNY")) {
      credit = paid.multiply(usdCnyRate).setScale(Nanos.SCALE, RoundingMode.HALF_UP);
    } else {
      throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "currency_unsupported",
          "no rate converts " + payCurrency + " into this account's " + accountCurrency, "currency");
    }
    long nanos = Nanos.fromDecimal(credit);
    if (nanos <= 0) {
      throw ApiException.invalidField("amount", "amount_not_positive", "the converted amount is zero");
    }
    return nanos;
  }

  /** Whether {@code currency} converts with the USD→CNY rate (the order then keeps the rate). */
  static boolean converts(String payCurrency, String accountCurrency) {
    return !payCurrency.equals(accountCurrency);
  }

  /** Cents (fen) of an amount with at most two decimals. */
  static long minorUnits(long nanos) {
    return nanos / (Nanos.PER_UNIT / 100);
  }

  static long fromMinorUnits(long minor) {
    return Math.multiplyExact(minor, Nanos.PER_UNIT / 100);
  }
}
