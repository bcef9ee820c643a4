package dev.tollgate.server.payments;

import dev.tollgate.server.http.ApiException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.InstantSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Changes the payment settings: every field is checked first, then the row is written once. */
@Service
class PaymentSettingsCommands {
  /** A sane bound on an exchange rate of CNY per USD (it has stayed between 6 and 9 since 1994). */
  static final BigDecimal USD_CNY_RATE_MAX = new BigDecimal("1000");
  /** numeric(20, 9) in the table. */
  static final int RATE_SCALE_MAX = 9;
  static final int SECRET_LENGTH_MAX = 500;
  static final int URL_LENGTH_MAX = 500;
  static final int MERCHANT_ID_LENGTH_MAX = 64;
  /** Shown of a secret: its last characters, as Stripe's dashboard does. */
  static final int SECRET_SHOWN_LENGTH = 4;

  private final PaymentSettingsStore store;
  private final SecretBox box;
  private final InstantSource clock;

  PaymentSettingsCommands(PaymentSettingsStore store, SecretBox box, InstantSource clock) {
    this.store = store;
    this.box = box;
    this.clock = clock;
  }

  /** Null leaves a field as it is; an empty string clears a secret, a URL or the merchant id. */
  record Change(
      Boolean stripeEnabled, Boolean epayEnabled, String stripeSecretKey, String stripeWebhookSecret,
      String epayGatewayUrl, String epayMerchantId, String epayKey, String publicBaseUrl, String usdCnyRate) {}

  @Transactional
  PaymentSettingsStore.Row update(Change c) {
    BigDecimal rate = c.usdCnyRate() == null ? null : rate(c.usdCnyRate());
    checkSecret("stripeSecretKey", c.stripeSecretKey());
    checkSecret("stripeWebhookSecret", c.stripeWebhookSecret());
    checkSecret("epayKey", c.epayKey());
    checkUrl("epayGatewayUrl", c.epayGatewayUrl());
    checkUrl("publicBaseUrl", c.publicBaseUrl());
    if (c.epayMerchantId() != null && c.epayMerchantId().length() > MERCHANT_ID_LENGTH_MAX) {
      throw ApiException.invalidField("epayMerchantId", "merchant_id_invalid",
          "epayMerchantId has at most " + MERCHANT_ID_LENGTH_MAX + " characters");
    }
    boolean storesSecret = nonEmpty(c.stripeSecretKey()) || nonEmpty(c.stripeWebhookSecret()) || nonEmpty(c.epayKey());
    if (storesSecret && !box.available()) {
      throw new ApiException(HttpStatus.CONFLICT, "secrets_key_missing",
          "secrets are stored encrypted: set TOLLGATE_SECRETS_KEY (base64 of 32 random bytes) and restart");
    }

    store.lock();
    PaymentSettingsStore.Row r = store.row();
    Sealed stripeKey = seal(PaymentSettingsStore.STRIPE_SECRET_KEY, c.stripeSecretKey(), r.stripeSecretKeyEnc(), r.stripeSecretKeyLast4());
    Sealed webhook = seal(PaymentSettingsStore.STRIPE_WEBHOOK_SECRET, c.stripeWebhookSecret(), r.stripeWebhookSecretEnc(), r.stripeWebhookSecretLast4());
    Sealed epayKey = seal(PaymentSettingsStore.EPAY_KEY, c.epayKey(), r.epayKeyEnc(), r.epayKeyLast4());
    var next = new PaymentSettingsStore.Row(
        c.stripeEnabled() != null ? c.stripeEnabled() : r.stripeEnabled(),
        c.epayEnabled() != null ? c.epayEnabled() : r.epayEnabled(),
        stripeKey.sealed(), stripeKey.last4(), webhook.sealed(), webhook.last4(),
        text(c.epayGatewayUrl(), r.epayGatewayUrl()), text(c.epayMerchantId(), r.epayMerchantId()),
        epayKey.sealed(), epayKey.last4(), text(c.publicBaseUrl(), r.publicBaseUrl()),
        rate != null ? rate : r.usdCnyRate(), r.updatedAt());
    store.write(next, clock.instant());
    return store.row();
  }

  private record Sealed(byte[] sealed, String last4) {}

  private Sealed seal(String field, String secret, byte[] current, String currentLast4) {
    if (secret == null) {
      return new Sealed(current, currentLast4);
    }
    if (secret.isEmpty()) {
      return new Sealed(null, null);
    }
    return new Sealed(box.seal(field, secret), secret.substring(Math.max(0, secret.length() - SECRET_SHOWN_LENGTH)));
  }

  private static String text(String change, String current) {
    if (change == null) {
      return current;
    }
    return change.isEmpty() ? null : change;
  }

  private static boolean nonEmpty(String s) {
    return s != null && !s.isEmpty();
  }

  static BigDecimal rate(String text) {
    BigDecimal rate;
    try {
      rate = new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw ApiException.invalidField("usdCnyRate", "rate_invalid", "usdCnyRate is a decimal string like \"7.1234\"");
    }
    if (rate.signum() <= 0 || rate.compareTo(USD_CNY_RATE_MAX) > 0 || rate.stripTrailingZeros().scale() > RATE_SCALE_MAX) {
      throw ApiException.invalidField("usdCnyRate", "rate_invalid",
          "usdCnyRate is above 0, at most " + USD_CNY_RATE_MAX + ", with at most " + RATE_SCALE_MAX + " decimals");
    }
    return rate.stripTrailingZeros();
  }

  private static void checkSecret(String field, String secret) {
    if (secret != null && (secret.length() > SECRET_LENGTH_MAX || secret.strip().length() != secret.length())) {
      throw ApiException.invalidField(field, "secret_invalid",
          field + " has at most " + SECRET_LENGTH_MAX + " characters and no surrounding spaces");
    }
  }

  private static void checkUrl(String field, String url) {
    if (url == null || url.isEmpty()) {
      return;
    }
    boolean ok;
    try {
      URI uri = new URI(url);
      ok = url.length() <= URL_LENGTH_MAX && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
          && uri.getHost() != null && uri.getQuery() == null && uri.getFragment() == null;
    } catch (URISyntaxException e) {
      ok = false;
    }
    if (!ok) {
      throw ApiException.invalidField(field, "url_invalid", field + " is an http(s) URL without query, at most "
          + URL_LENGTH_MAX + " characters");
    }
  }
}
