package dev.tollgate.server.payments;

import dev.tollgate.server.config.TollgateProperties;
import dev.tollgate.server.store.SqlTime;
import java.math.BigDecimal;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The one row of payment settings, and the secrets in force (environment first, then stored). */
@Repository
class PaymentSettingsStore {
  static final String STRIPE_SECRET_KEY = "stripe_secret_key";
  static final String STRIPE_WEBHOOK_SECRET = "stripe_webhook_secret";
  static final String EPAY_KEY = "epay_key";

  private final JdbcClient jdbc;
  private final SecretBox box;
  private final TollgateProperties.Payments env;

  PaymentSettingsStore(JdbcClient jdbc, SecretBox box, TollgateProperties properties) {
    this.jdbc = jdbc;
    this.box = box;
    this.env = properties.payments();
  }

  /** The stored row, secrets still sealed. */
  record Row(
      boolean stripeEnabled, boolean epayEnabled, byte[] stripeSecretKeyEnc, String stripeSecretKeyLast4,
      byte[] stripeWebhookSecretEnc, String stripeWebhookSecretLast4, String epayGatewayUrl, String epayMerchantId,
      byte[] epayKeyEnc, String epayKeyLast4, String publicBaseUrl, BigDecimal usdCnyRate, Instant updatedAt) {}

  Row row() {
    return jdbc.sql("SELECT * FROM payment_settings WHERE id = 1")
        .query((rs, n) -> new Row(
            rs.getBoolean("stripe_enabled"), rs.getBoolean("epay_enabled"), rs.getBytes("stripe_secret_key_enc"),
            rs.getString("stripe_secret_key_last4"), rs.getBytes("stripe_webhook_secret_enc"),
            rs.getString("stripe_webhook_secret_last4"), rs.getString("epay_gateway_url"),
            rs.getString("epay_merchant_id"), rs.getBytes("epay_key_enc"), rs.getString("epay_key_last4"),
            rs.getString("public_base_url"), rs.getBigDecimal("usd_cny_rate").stripTrailingZeros(),
            SqlTime.read(rs, "updated_at")))
        .single();
  }

  /** Locks the row so that concurrent PUTs apply one after the other. */
  void lock() {
    jdbc.sql("SELECT id FROM payment_settings WHERE id = 1 FOR UPDATE").query(Integer.class).single();
  }

  void write(Row r, Instant now) {
    jdbc.sql("""
            UPDATE payment_settings SET stripe_enabled = ?, epay_enabled = ?, stripe_secret_key_enc = ?,
                   stripe_secret_key_last4 = ?, stripe_webhook_secret_enc = ?, stripe_webhook_secret_last4 = ?,
                   epay_gateway_url = ?, epay_merchant_id = ?, epay_key_enc = ?, epay_key_last4 = ?,
                   public_base_url = ?, usd_cny_rate = ?, updated_at = ?
             WHERE id = 1""")
        .params(r.stripeEnabled(), r.epayEnabled(), r.stripeSecretKeyEnc(), r.stripeSecretKeyLast4(),
            r.stripeWebhookSecretEnc(), r.stripeWebhookSecretLast4(), r.epayGatewayUrl(), r.epayMerchantId(),
            r.epayKeyEnc(), r.epayKeyLast4(), r.publicBaseUrl(), r.usdCnyRate(), SqlTime.of(now))
        .update();
  }

  /** The settings in force, secrets opened; an environment variable beats a stored secret. */
  PaymentSettings current() {
    Row r = row();
    return new PaymentSettings(
        r.stripeEnabled(), r.epayEnabled(),
        secret(env.stripeSecretKey(), STRIPE_SECRET_KEY, r.stripeSecretKeyEnc()),
        secret(env.stripeWebhookSecret(), STRIPE_WEBHOOK_SECRET, r.stripeWebhookSecretEnc()),
        r.epayGatewayUrl(), r.epayMerchantId(), secret(env.epayKey(), EPAY_KEY, r.epayKeyEnc()),
        r.publicBaseUrl(), r.usdCnyRate());
  }

  /** Which secrets come from environment variables (and so override the stored ones). */
  java.util.List<String> fromEnvironment() {
    var names = new java.util.ArrayList<String>();
    if (env.stripeSecretKey() != null) {
      names.add("stripeSecretKey");
    }
    if (env.stripeWebhookSecret() != null) {
      names.add("stripeWebhookSecret");
    }
    if (env.epayKey() != null) {
      names.add("epayKey");
    }
    return names;
  }

  boolean secretsKeyConfigured() {
    return box.available();
  }

  private String secret(String fromEnv, String field, byte[] sealed) {
    if (fromEnv != null) {
      return fromEnv;
    }
    if (sealed == null || !box.available()) {
      return null;
    }
    return box.open(field, sealed);
  }
}
