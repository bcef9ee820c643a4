package dev.tollgate.server.notify;

import java.time.Instant;
import java.util.List;

/** An account's overrides of the platform's notification settings; every null means "the platform's". */
record AccountNotificationSettings(
    String rootId,
    String accountId,
    Boolean webhookEnabled,
    Boolean emailEnabled,
    Boolean inboxEnabled,
    List<Integer> creditThresholdsPercent,
    List<Integer> expiryDays,
    Long lowWalletThresholdNanos,
    String webhookUrl,
    String webhookSecret,
    List<String> emailRecipients,
    Instant updatedAt) {

  static AccountNotificationSettings none(String rootId, String accountId) {
    return new AccountNotificationSettings(rootId, accountId, null, null, null, null, null, null, null, null, null, null);
  }

  /** What applies to the account: each override, else the platform's value. */
  NotificationSettings effective(NotificationSettings platform) {
    return new NotificationSettings(
        webhookEnabled != null ? webhookEnabled : platform.webhookEnabled(),
        emailEnabled != null ? emailEnabled : platform.emailEnabled(),
        inboxEnabled != null ? inboxEnabled : platform.inboxEnabled(),
        creditThresholdsPercent != null ? creditThresholdsPercent : platform.creditThresholdsPercent(),
        expiryDays != null ? expiryDays : platform.expiryDays(),
        lowWalletThresholdNanos != null ? lowWalletThresholdNanos : platform.lowWalletThresholdNanos(),
        webhookUrl != null ? webhookUrl : platform.webhookUrl(),
        webhookSecret != null ? webhookSecret : platform.webhookSecret(),
        platform.emailFrom(),
        emailRecipients != null ? emailRecipients : platform.emailRecipients(),
        updatedAt != null ? updatedAt : platform.updatedAt());
  }
}
