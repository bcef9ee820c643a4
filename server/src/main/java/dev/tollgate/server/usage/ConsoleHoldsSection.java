package dev.tollgate.server.usage;

import dev.tollgate.core.money.Nanos;
import dev.tollgate.server.console.AccountSection;
import dev.tollgate.server.console.Permission;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;

/** The account page's live holds: credit reserved by calls in flight. */
@Component
class ConsoleHoldsSection implements AccountSection.Source {
  private final HoldStore holds;

  ConsoleHoldsSection(HoldStore holds) {
    this.holds = holds;
  }

  @Override
  public Permission permission() {
    return Permission.READ;
  }

  @Override
  public int order() {
    return 30;
  }

  @Override
  public AccountSection render(String rootId, String accountId) {
    List<List<String>> rows = holds.liveOf(accountId, AccountSection.ROWS_MAX).stream()
        .map(h -> List.of(h.id(), h.requestId(), h.meter(), Objects.toString(h.apiKeyId(), "—"),
            Nanos.format(h.amountNanos()), h.createdAt().toString(), h.expiresAt().toString()))
        .toList();
    return new AccountSection("Live holds", List.of("Id", "Request", "Meter", "Key", "Held", "Placed", "Expires"), rows,
        "No holds — no call of this account is in flight.");
  }
}
