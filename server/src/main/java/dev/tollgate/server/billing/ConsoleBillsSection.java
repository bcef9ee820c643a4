package dev.tollgate.server.billing;

import dev.tollgate.core.money.Nanos;
import dev.tollgate.server.console.AccountSection;
import dev.tollgate.server.console.Permission;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;

/** The account page's monthly bills (billing permission), newest first. */
@Component
class ConsoleBillsSection implements AccountSection.Source {
  private final BillStore bills;

  ConsoleBillsSection(BillStore bills) {
    this.bills = bills;
  }

  @Override
  public Permission permission() {
    return Permission.BILLING;
  }

  @Override
  public int order() {
    return 40;
  }

  @Override
  public AccountSection render(String rootId, String accountId) {
    List<List<String>> rows = bills.list(rootId, accountId, null, AccountSection.ROWS_MAX).stream()
        .map(b -> List.of(b.month(), b.status(), Nanos.format(b.totalRoundedNanos()) + " " + b.currency(),
            Nanos.format(b.dueNanos()), Objects.toString(b.dueAt(), "—"), Objects.toString(b.paidAt(), "—")))
        .toList();
    return new AccountSection("Bills", List.of("Month", "Status", "Total", "Due", "Due at", "Paid at"), rows,
        "No bills yet — postpaid usage is billed on the first days of each month.");
  }
}
