package dev.tollgate.server.notify;

import dev.tollgate.core.money.Nanos;
import dev.tollgate.server.accounts.Account;
import dev.tollgate.server.accounts.AccountCommands;
import dev.tollgate.server.accounts.AccountStore;
import java.time.InstantSource;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Changes notification settings: every field is checked first, then the row is written once. */
@Service
class NotificationSettingsCommands {
  private final NotificationSettingsStore store;
  private final AccountStore accounts;
  private final InstantSource clock;

  NotificationSettingsCommands(NotificationSettingsStore store, AccountStore accounts, InstantSource clock) {
    this.store = store;
    this.accounts = accounts;
    this.clock = clock;
  }

  /** Channels to switch; null leaves (platform) or inherits (account) one. */
  record Channels(Boolean webhook, Boolean email, Boolean inbox) {}

  /**
   * A change of the platform's settings: null leaves a field as it is; "" clears a text field
   * (webhookUrl, webhookSecret, emailFrom, lowWalletThreshold); a list replaces the list.
   */
  record PlatformChange(
      Channels channels, List<Integer> creditThresholdsPercent, List<Integer> expiryDays, String lowWalletThreshold,
      String webhookUrl, String webhookSecret, String emailFrom, List<String> emailRecipients) {}

  @Transactional
  NotificationSettings changePlatform(PlatformChange change) {
    NotificationSettings current = store.lockPlatform();
    Channels channels = change.channels() != null ? change.channels() : new Channels(null, null, null);
    List<Integer> thresholds = change.creditThresholdsPercent() == null ? current.creditThresholdsPercent()
        : NotificationRules.creditThresholds(change.creditThresholdsPercent(), "creditThresholdsPercent");
    List<Integer> days = change.expiryDays() == null ? current.expiryDays()
        : NotificationRules.expiryDays(change.expiryDays(), "expiryDays");
    Long lowWallet = change.lowWalletThreshold() == null ? current.lowWalletThresholdNanos()
        : change.lowWalletThreshold().isEmpty() ? null : Nanos.parse(change.lowWalletThreshold());
    String url = change.webhookUrl() == null ? current.webhookUrl()
        : change.webhookUrl().isEmpty() ? null : NotificationRules.webhookUrl(change.webhookUrl(), "webhookUrl");
    String secret = change.webhookSecret() == null ? current.webhookSecret()
        : change.webhookSecret().isEmpty() ? null : NotificationRules.webhookSecret(change.webhookSecret(), "webhookSecret");
    String from = change.emailFrom() == null ? current.emailFrom()
        : change.emailFrom().isEmpty() ? null : NotificationRules.email(change.emailFrom(), "emailFrom");
    List<String> recipients = change.emailRecipients() == null ? current.emailRecipients()
        : NotificationRules.recipients(change.emailRecipients(), "emailRecipients");
    boolean webhook = channels.webhook() != null ? channels.webhook() : current.webhookEnabled();
    boolean email = channels.email() != null ? channels.email() : current.emailEnabled();
    boolean inbox = channels.inbox() != null ? channels.inbox() : current.inboxEnabled();
    // A webhook is never sent unsigned, and an e-mail never without a sender.
    if (webhook && secret == null) {
      throw NotificationRejection.WEBHOOK_SECRET_REQUIRED.exception("webhookSecret");
    }
    if (email && from == null) {
      throw NotificationRejection.EMAIL_FROM_REQUIRED.exception("emailFrom");
    }
    NotificationSettings updated = new NotificationSettings(
        webhook, email, inbox, thresholds, days, lowWallet, url, secret, from, recipients, clock.instant());
    store.updatePlatform(updated);
    return updated;
  }

  /** An account's overrides, replacing the previous ones whole: null means "the platform's". */
  record AccountChange(
      Channels channels, List<Integer> creditThresholdsPercent, List<Integer> expiryDays, String lowWalletThreshold,
      String webhookUrl, String webhookSecret, List<String> emailRecipients) {}

  @Transactional
  AccountNotificationSettings changeAccount(String accountId, AccountChange change) {
    Account account = accounts.lock(accountId).orElseThrow(() -> AccountCommands.accountNotFound(accountId));
    Channels channels = change.channels() != null ? change.channels() : new Channels(null, null, null);
    List<Integer> thresholds = change.creditThresholdsPercent() == null ? null
        : NotificationRules.creditThresholds(change.creditThresholdsPercent(), "creditThresholdsPercent");
    List<Integer> days = change.expiryDays() == null ? null
        : NotificationRules.expiryDays(change.expiryDays(), "expiryDays");
    Long lowWallet = change.lowWalletThreshold() == null ? null : Nanos.parse(change.lowWalletThreshold());
    String url = change.webhookUrl() == null ? null : NotificationRules.webhookUrl(change.webhookUrl(), "webhookUrl");
    String secret = change.webhookSecret() == null ? null
        : NotificationRules.webhookSecret(change.webhookSecret(), "webhookSecret");
    List<String> recipients = change.emailRecipients() == null ? null
        : NotificationRules.recipients(change.emailRecipients(), "emailRecipients");
    AccountNotificationSettings updated = new AccountNotificationSettings(
        account.rootId(), account.id(), channels.webhook(), channels.email(), channels.inbox(), thresholds, days,
        lowWallet, url, secret, recipients, clock.instant());
    store.upsertAccount(updated);
    return updated;
  }

  @Transactional(readOnly = true)
  AccountNotificationSettings account(String accountId) {
    Account account = accounts.find(accountId).orElseThrow(() -> AccountCommands.accountNotFound(accountId));
    return store.account(accountId).orElse(AccountNotificationSettings.none(account.rootId(), account.id()));
  }
}
