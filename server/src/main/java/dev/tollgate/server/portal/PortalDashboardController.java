package dev.tollgate.server.portal;

import dev.tollgate.core.money.Nanos;
import dev.tollgate.server.accounts.Account;
import dev.tollgate.server.credit.Balances;
import dev.tollgate.server.credit.GrantView;
import dev.tollgate.server.credit.packages.PackageResources;
import dev.tollgate.server.storage.StorageCommands;
import dev.tollgate.server.usage.UsageLog;
import dev.tollgate.server.usage.UsageQuery;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;

/**
 * The resource dashboard (seed 000): the edition in effect, the monthly allowance, knowledge-base
 * capacity, value-added packages and concurrency, each with remaining, status and expiry; the
 * wallet and other credit; this month's usage. Computed by {@link Balances}, as the balance API.
 */
@Controller
@PortalPage
class PortalDashboardController {
  private final PortalAccounts accounts;
  private final Balances balances;
  private final StorageCommands storage;
  private final UsageLog usage;
  private final InstantSource clock;

  PortalDashboardController(PortalAccounts accounts, Balances balances, StorageCommands storage, UsageLog usage,
      InstantSource clock) {
    this.accounts = accounts;
    this.balances = balances;
    this.storage = storage;
    this.usage = usage;
    this.clock = clock;
  }

  /** This month so far, in the account's time zone. */
  record Month(long calls, String amount) {}

  @GetMapping("/portal")
  String dashboard(@RequestAttribute(PortalSession.ATTRIBUTE) PortalSession session, Model model) {
    Account account = accounts.of(session);
    Balances.BalanceView balance = balances.of(account);
    Set<String> inAddOns = new HashSet<>();
    balance.addOns().forEach(a -> a.grants().forEach(g -> inAddOns.add(g.id())));
    List<GrantView> allowance = balance.grants().stream().filter(g -> g.kind().equals("edition")).toList();
    List<GrantView> other = balance.grants().stream()
        .filter(g -> !g.kind().equals("edition") && !inAddOns.contains(g.id())).toList();
    List<PackageResources.ConcurrencyView> concurrency = balance.concurrency().stream()
        .filter(c -> c.accountId().equals(account.id())).toList();
    model.addAttribute("balance", balance);
    model.addAttribute("allowance", allowance);
    model.addAttribute("otherGrants", other);
    model.addAttribute("concurrency", concurrency);
    model.addAttribute("storage", storage.status(account.id()));
    model.addAttribute("month", month(account));
    return "portal/dashboard";
  }

  private Month month(Account account) {
    Instant now = clock.instant();
    Instant start = now.atZone(ZoneId.of(account.timezone())).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).toInstant();
    UsageQuery q = UsageQuery.of(account.rootId(), account.id(), null, null, start, now.plusSeconds(1), now);
    long calls = 0;
    long amountNanos = 0;
    for (UsageLog.Group g : usage.report(q, "meter", account.timezone())) {
      calls += g.calls();
      amountNanos = Math.addExact(amountNanos, g.amountNanos());
    }
    return new Month(calls, Nanos.format(amountNanos));
  }
}
