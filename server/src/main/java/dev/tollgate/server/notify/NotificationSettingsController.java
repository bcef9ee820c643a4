package dev.tollgate.server.notify;

import dev.tollgate.core.money.Nanos;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Notifications", description = "Credit, expiry, bill and wallet notices by webhook, e-mail and inbox")
class NotificationSettingsController {
  private final NotificationSettingsCommands commands;
  private final NotificationSettingsStore store;

  NotificationSettingsController(NotificationSettingsCommands commands, NotificationSettingsStore store) {
    this.commands = commands;
    this.store = store;
  }

  record ChannelsView(boolean webhook, boolean email, boolean inbox) {}

  /** The secret is write-only: only its last four characters are shown, to tell which one is set. */
  record PlatformView(
      ChannelsView channels, List<Integer> creditThresholdsPercent, List<Integer> expiryDays, String lowWalletThreshold,
      String webhookUrl, String webhookSecretLast4, String emailFrom, List<String> emailRecipients, Instant updatedAt) {
    static PlatformView of(NotificationSettings s) {
      return new PlatformView(
          new ChannelsView(s.webhookEnabled(), s.emailEnabled(), s.inboxEnabled()), s.creditThresholdsPercent(),
          s.expiryDays(), amount(s.lowWalletThresholdNanos()), s.webhookUrl(), last4(s.webhookSecret()), s.emailFrom(),
          s.emailRecipients(), s.updatedAt());
    }
  }

  @GetMapping("/v1/notifications/settings")
  @Operation(summary = "Read the platform's notification settings (the webhook secret shows its last 4 characters only)")
  PlatformView platform() {
    return PlatformView.of(store.platform());
  }

  record PlatformBody(
      NotificationSettingsCommands.Channels channels, List<Integer> creditThresholdsPercent, List<Integer> expiryDays,
      String lowWalletThreshold, String webhookUrl, String webhookSecret, String emailFrom, List<String> emailRecipients) {}

  @PutMapping("/v1/notifications/settings")
  @Operation(summary = "Change the platform's notification settings; null leaves a field, \"\" clears a text field")
  PlatformView putPlatform(@RequestBody PlatformBody body) {
    return PlatformView.of(commands.changePlatform(new NotificationSettingsCommands.PlatformChange(
        body.channels(), body.creditThresholdsPercent(), body.expiryDays(), body.lowWalletThreshold(), body.webhookUrl(),
        body.webhookSecret(), body.emailFrom(), body.emailRecipients())));
  }

  record ChannelsOverride(Boolean webhook, Boolean email, Boolean inbox) {}

  record EffectiveView(
      ChannelsView channels, List<Integer> creditThresholdsPercent, List<Integer> expiryDays, String lowWalletThreshold,
      String webhookUrl, List<String> emailRecipients) {}

  /** The account's overrides (null: the platform's) and what applies to it. */
  record AccountView(
      String accountId, ChannelsOverride channels, List<Integer> creditThresholdsPercent, List<Integer> expiryDays,
      String lowWalletThreshold, String webhookUrl, String webhookSecretLast4, List<String> emailRecipients,
      EffectiveView effective) {
    static AccountView of(AccountNotificationSettings a, NotificationSettings platform) {
      NotificationSettings e = a.effective(platform);
      return new AccountView(
          a.accountId(), new ChannelsOverride(a.webhookEnabled(), a.emailEnabled(), a.inboxEnabled()),
          a.creditThresholdsPercent(), a.expiryDays(), amount(a.lowWalletThresholdNanos()), a.webhookUrl(),
          last4(a.webhookSecret()), a.emailRecipients(),
          new EffectiveView(new ChannelsView(e.webhookEnabled(), e.emailEnabled(), e.inboxEnabled()),
              e.creditThresholdsPercent(), e.expiryDays(), amount(e.lowWalletThresholdNanos()), e.webhookUrl(),
              e.emailRecipients()));
    }
  }

  @GetMapping("/v1/accounts/{id}/notifications/settings")
  @Operation(summary = "Read an account's notification overrides and the settings in effect for it")
  AccountView account(@PathVariable String id) {
    return AccountView.of(commands.account(id), store.platform());
  }

  record AccountBody(
      NotificationSettingsCommands.Channels channels, List<Integer> creditThresholdsPercent, List<Integer> expiryDays,
      String lowWalletThreshold, String webhookUrl, String webhookSecret, List<String> emailRecipients) {}

  @PutMapping("/v1/accounts/{id}/notifications/settings")
  @Operation(summary = "Replace an account's notification overrides; a null or absent field means the platform's")
  AccountView putAccount(@PathVariable String id, @RequestBody AccountBody body) {
    AccountNotificationSettings updated = commands.changeAccount(id, new NotificationSettingsCommands.AccountChange(
        body.channels(), body.creditThresholdsPercent(), body.expiryDays(), body.lowWalletThreshold(), body.webhookUrl(),
        body.webhookSecret(), body.emailRecipients()));
    return AccountView.of(updated, store.platform());
  }

  private static String amount(Long nanos) {
    return nanos == null ? null : Nanos.format(nanos);
  }

  private static String last4(String secret) {
    return secret == null ? null : secret.substring(secret.length() - 4);
  }
}
