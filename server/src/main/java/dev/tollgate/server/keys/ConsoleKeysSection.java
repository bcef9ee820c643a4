package dev.tollgate.server.keys;

import dev.tollgate.server.console.AccountSection;
import dev.tollgate.server.console.Permission;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;

/** The account page's API keys: prefix only, never a secret. */
@Component
class ConsoleKeysSection implements AccountSection.Source {
  private final ApiKeyStore keys;

  ConsoleKeysSection(ApiKeyStore keys) {
    this.keys = keys;
  }

  @Override
  public Permission permission() {
    return Permission.READ;
  }

  @Override
  public int order() {
    return 10;
  }

  @Override
  public AccountSection render(String rootId, String accountId) {
    List<List<String>> rows = keys.listLive(accountId, false).stream().limit(AccountSection.ROWS_MAX)
        .map(k -> List.of(k.id(), k.prefix() + "…", Objects.toString(k.remark(), ""), k.createdAt().toString(),
            Objects.toString(k.lastUsedAt(), "never")))
        .toList();
    return new AccountSection("API keys", List.of("Id", "Prefix", "Remark", "Created", "Last used"), rows,
        "No API keys yet — create one with POST /v1/accounts/{id}/api-keys.");
  }
}
