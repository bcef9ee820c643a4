package dev.tollgate.server.notify;

import dev.tollgate.server.store.SqlTime;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the platform's and accounts' notification settings. Callers own the transaction. */
@Repository
class NotificationSettingsStore {
  private static final String ACCOUNT_COLUMNS =
      "root_id, account_id, webhook_enabled, email_enabled, inbox_enabled, credit_thresholds_percent, expiry_days,"
          + " low_wallet_threshold_nanos, webhook_url, webhook_secret, email_recipients, updated_at";

  private final JdbcClient jdbc;

  NotificationSettingsStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  NotificationSettings platform() {
    return jdbc.sql("""
            SELECT webhook_enabled, email_enabled, inbox_enabled, credit_thresholds_percent, expiry_days,
                   low_wallet_threshold_nanos, webhook_url, webhook_secret, email_from, email_recipients, updated_at
              FROM notification_settings WHERE id = 1""")
        .query((rs, i) -> new NotificationSettings(
            rs.getBoolean("webhook_enabled"), rs.getBoolean("email_enabled"), rs.getBoolean("inbox_enabled"),
            ints(rs.getArray("credit_thresholds_percent")), ints(rs.getArray("expiry_days")),
            (Long) rs.getObject("low_wallet_threshold_nanos"), rs.getString("webhook_url"),
            rs.getString("webhook_secret"), rs.getString("email_from"), strings(rs.getArray("email_recipients")),
            SqlTime.read(rs, "updated_at")))
        .single();
  }

  /** Locks the platform's row for the rest of the transaction, so concurrent changes apply in turn. */
  NotificationSettings lockPlatform() {
    jdbc.sql("SELECT id FROM notification_settings WHERE id = 1 FOR UPDATE").query(Integer.class).single();
    return platform();
  }

  void updatePlatform(NotificationSettings s) {
    jdbc.sql("""
            UPDATE notification_settings
               SET webhook_enabled = ?, email_enabled = ?, inbox_enabled = ?, credit_thresholds_percent = ?::integer[],
                   expiry_days = ?::integer[], low_wallet_threshold_nanos = ?, webhook_url = ?, webhook_secret = ?,
                   email_from = ?, email_recipients = ?::text[], updated_at = ?
             WHERE id = 1""")
        .params(s.webhookEnabled(), s.emailEnabled(), s.inboxEnabled(),
            s.creditThresholdsPercent().toArray(new Integer[0]), s.expiryDays().toArray(new Integer[0]),
            s.lowWalletThresholdNanos(), s.webhookUrl(), s.webhookSecret(), s.emailFrom(),
            s.emailRecipients().toArray(new String[0]), SqlTime.of(s.updatedAt()))
        .update();
  }

  Optional<AccountNotificationSettings> account(String accountId) {
    return jdbc.sql("SELECT " + ACCOUNT_COLUMNS + " FROM account_notification_settings WHERE account_id = ?")
        .params(accountId)
        .query(NotificationSettingsStore::mapAccount)
        .optional();
  }

  void upsertAccount(AccountNotificationSettings s) {
    jdbc.sql("""
            INSERT INTO account_notification_settings (root_id, account_id, webhook_enabled, email_enabled, inbox_enabled,
                credit_thresholds_percent, expiry_days, low_wallet_threshold_nanos, webhook_url, webhook_secret,
                email_recipients, updated_at)
            VALUES (?, ?, ?, ?, ?, ?::integer[], ?::integer[], ?, ?, ?, ?::text[], ?)
            ON CONFLICT (root_id, account_id) DO UPDATE SET
                webhook_enabled = excluded.webhook_enabled, email_enabled = excluded.email_enabled,
                inbox_enabled = excluded.inbox_enabled, credit_thresholds_percent = excluded.credit_thresholds_percent,
                expiry_days = excluded.expiry_days, low_wallet_threshold_nanos = excluded.low_wallet_threshold_nanos,
                webhook_url = excluded.webhook_url, webhook_secret = excluded.webhook_secret,
                email_recipients = excluded.email_recipients, updated_at = excluded.updated_at""")
        .params(s.rootId(), s.accountId(), s.webhookEnabled(), s.emailEnabled(), s.inboxEnabled(),
            array(s.creditThresholdsPercent()), array(s.expiryDays()), s.lowWalletThresholdNanos(), s.webhookUrl(),
            s.webhookSecret(), s.emailRecipients() == null ? null : s.emailRecipients().toArray(new String[0]),
            SqlTime.of(s.updatedAt()))
        .update();
  }

  /** The secret that signs webhooks for an account: its own, else the platform's; null if neither. */
  String webhookSecret(String accountId) {
    return jdbc.sql("""
            SELECT COALESCE(s.webhook_secret, p.webhook_secret)
              FROM notification_settings p
              LEFT JOIN account_notification_settings s ON s.account_id = ?
             WHERE p.id = 1""")
        .params(accountId)
        .query(String.class)
        .optional()
        .orElse(null);
  }

  private static AccountNotificationSettings mapAccount(ResultSet rs, int row) throws SQLException {
    return new AccountNotificationSettings(
        rs.getString("root_id"), rs.getString("account_id"), (Boolean) rs.getObject("webhook_enabled"),
        (Boolean) rs.getObject("email_enabled"), (Boolean) rs.getObject("inbox_enabled"),
        ints(rs.getArray("credit_thresholds_percent")), ints(rs.getArray("expiry_days")),
        (Long) rs.getObject("low_wallet_threshold_nanos"), rs.getString("webhook_url"), rs.getString("webhook_secret"),
        strings(rs.getArray("email_recipients")), SqlTime.read(rs, "updated_at"));
  }

  private static Integer[] array(List<Integer> values) {
    return values == null ? null : values.toArray(new Integer[0]);
  }

  static List<Integer> ints(Array array) throws SQLException {
    return array == null ? null : Arrays.asList((Integer[]) array.getArray());
  }

  static List<String> strings(Array array) throws SQLException {
    return array == null ? null : Arrays.asList((String[]) array.getArray());
  }
}
