package dev.tollgate.server.accounts;

import java.time.Instant;

/** An account as the API shows it. */
public record AccountView(
    String id,
    String name,
    String parentId,
    String rootId,
    String currency,
    String timezone,
    String status,
    SettingsView settings,
    Instant createdAt,
    Instant updatedAt) {

  public record SettingsView(
      boolean postpaidEnabled, Instant postpaidChangedAt, boolean contentModeration, String priceGroup) {
    static SettingsView of(Account a) {
      return new SettingsView(a.postpaidEnabled(), a.postpaidChangedAt(), a.contentModeration(), a.priceGroup());
    }
  }

  static AccountView of(Account a) {
    return new AccountView(
        a.id(), a.name(), a.parentId(), a.rootId(), a.currency(), a.timezone(), a.status().code(),
        SettingsView.of(a), a.createdAt(), a.updatedAt());
  }
}
