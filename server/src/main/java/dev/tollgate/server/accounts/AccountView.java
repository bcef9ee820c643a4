package dev.tollgate.server.accounts;

import dev.tollgate.core.money.Nanos;
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
      boolean postpaidEnabled, Instant postpaidChangedAt, boolean contentModeration, String priceGroup,
      String billingMode, String prepaidAmount) {
    static SettingsView of(Account a) {
      return new SettingsView(a.postpaidEnabled(), a.postpaidChangedAt(), a.contentModeration(), a.priceGroup(),
          a.billingMode() == null ? null : a.billingMode().code(),
          a.prepaidAmountNanos() == null ? null : Nanos.format(a.prepaidAmountNanos()));
    }
  }

  static AccountView of(Account a) {
    return new AccountView(
        a.id(), a.name(), a.parentId(), a.rootId(), a.currency(), a.timezone(), a.status().code(),
        SettingsView.of(a), a.createdAt(), a.updatedAt());
  }
}
