package dev.tollgate.server.payments;

import java.math.BigDecimal;

/**
 * The payment settings in force: stored settings, with secrets decrypted and environment
 * variables taking precedence over stored secrets. Never serialised: {@code SettingsView} shows
 * the last four characters of each secret only.
 */
record PaymentSettings(
    boolean stripeEnabled, boolean epayEnabled, String stripeSecretKey, String stripeWebhookSecret,
    String epayGatewayUrl, String epayMerchantId, String epayKey, String publicBaseUrl, BigDecimal usdCnyRate) {

  @Override
  public String toString() {
    return "PaymentSettings[stripeEnabled=" + stripeEnabled + ", epayEnabled=" + epayEnabled + ", secrets=***]";
  }
}
