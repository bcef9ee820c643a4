package dev.tollgate.server.credit;

import dev.tollgate.core.credit.Denomination;
import dev.tollgate.core.money.Nanos;
import dev.tollgate.server.console.AccountSection;
import dev.tollgate.server.console.Permission;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;

/** The account page's grants (billing permission): amount, remaining and expiry of each. */
@Component
class ConsoleGrantsSection implements AccountSection.Source {
  private final GrantStore grants;
  private final InstantSource clock;

  ConsoleGrantsSection(GrantStore grants, InstantSource clock) {
    this.grants = grants;
    this.clock = clock;
  }

  @Override
  public Permission permission() {
    return Permission.BILLING;
  }

  @Override
  public int order() {
    return 20;
  }

  @Override
  public AccountSection render(String rootId, String accountId) {
    List<List<String>> rows = grants.list(rootId, accountId, null, null, AccountSection.ROWS_MAX, false, clock.instant())
        .stream().map(g -> {
          boolean money = g.grant().denomination() == Denomination.MONEY;
          return List.of(g.id(), g.grant().grantClass().code(), amount(g.grant().amount(), money) + " " + g.unit(),
              amount(g.grant().remaining(), money), Objects.toString(g.grant().expiresAt(), "never"),
              g.grant().voided() ? "voided" : "");
        }).toList();
    return new AccountSection("Grants", List.of("Id", "Class", "Amount", "Remaining", "Expires", ""), rows,
        "No grants yet — free quota, packages and codes appear here.");
  }

  private static String amount(long value, boolean money) {
    return money ? Nanos.format(value) : Long.toString(value);
  }
}
