package dev.tollgate.server.usage;

import dev.tollgate.core.keys.ApiKeyFormat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Resolves who calls, for a whole batch at once: every presented API key is looked up in one
 * query inside the batch's transaction, so a key deleted before the batch started never passes.
 */
@Component
class Callers {
  private final CallStore store;

  Callers(CallStore store) {
    this.store = store;
  }

  /** The account a request is for, and the key it came with (null when named by account id). */
  record Caller(String accountId, String apiKeyId) {}

  /** One result per request, in order: the caller, or a refusal to answer with. */
  List<Object> resolve(List<String> apiKeys, List<String> accountIds) {
    Set<String> prefixes = new HashSet<>();
    for (String key : apiKeys) {
      if (key != null) {
        ApiKeyFormat.prefixOf(key).ifPresent(prefixes::add);
      }
    }
    Map<String, CallStore.KeyRow> keys = store.liveKeys(prefixes);
    List<Object> out = new ArrayList<>(apiKeys.size());
    for (int i = 0; i < apiKeys.size(); i++) {
      String key = apiKeys.get(i);
      if (key == null) {
        out.add(new Caller(accountIds.get(i), null));
        continue;
      }
      Optional<String> prefix = ApiKeyFormat.prefixOf(key);
      CallStore.KeyRow row = prefix.map(keys::get).orElse(null);
      if (row == null || !ApiKeyFormat.matches(key, row.sha256())) {
        out.add(new CallAnswer.Refused(HttpStatus.UNAUTHORIZED, "invalid_api_key", "the API key is not valid or was deleted"));
      } else {
        out.add(new Caller(row.accountId(), row.keyId()));
      }
    }
    return out;
  }
}
