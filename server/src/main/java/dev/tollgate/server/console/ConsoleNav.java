package dev.tollgate.server.console;

import java.util.List;

/** The left navigation: only the pages the signed-in role may see. */
public final class ConsoleNav {
  private ConsoleNav() {}

  public record Item(String path, String label, Permission permission) {}

  static final List<Item> ITEMS = List.of(
      new Item("/console/usage", "Usage log", Permission.READ),
      new Item("/console/reports", "Reports", Permission.READ),
      new Item("/console/accounts", "Accounts", Permission.READ),
      new Item("/console/reconciliation", "Reconciliation", Permission.READ),
      new Item("/console/audit", "Audit log", Permission.READ),
      new Item("/console/billing", "Billing settings", Permission.BILLING),
      new Item("/console/pricing", "Pricing", Permission.BILLING),
      new Item("/console/packages", "Packages & plans", Permission.BILLING),
      new Item("/console/codes", "Redemption codes", Permission.BILLING),
      new Item("/console/operators", "Operators", Permission.ADMINISTER));

  static List<Item> of(ConsoleUser user) {
    return user == null ? List.of() : ITEMS.stream().filter(i -> user.may(i.permission())).toList();
  }
}
