package dev.tollgate.server.notify;

import java.time.Instant;
import java.util.List;

/**
 * The platform's notification settings: which channels are on, the credit thresholds and expiry
 * days that fire notices, the low-wallet threshold, where webhooks go and how they are signed,
 * and who e-mail comes from.
 *
 * @param lowWalletThresholdNanos null: no low-wallet notices
 * @param emailRecipients operator addresses, used for an account that names none
 */
record NotificationSettings(
    boolean webhookEnabled,
    boolean emailEnabled,
    boolean inboxEnabled,
    List<Integer> creditThresholdsPercent,
    List<Integer> expiryDays,
    Long lowWalletThresholdNanos,
    String webhookUrl,
    String webhookSecret,
    String emailFrom,
    List<String> emailRecipients,
    Instant updatedAt) {

  NotificationSettings {
    creditThresholdsPercent = List.copyOf(creditThresholdsPercent);
    expiryDays = List.copyOf(expiryDays);
    emailRecipients = List.copyOf(emailRecipients);
  }
}
