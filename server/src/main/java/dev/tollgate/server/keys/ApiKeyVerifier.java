package dev.tollgate.server.keys;

import dev.tollgate.core.keys.ApiKeyFormat;
import java.time.InstantSource;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Verifies a presented key on every gateway call: a malformed key is refused without touching the
 * database; otherwise one unique-index lookup by prefix and a constant-time hash comparison.
 */
@Component
public class ApiKeyVerifier {
  private final ApiKeyStore store;
  private final KeyUsageRecorder usage;
  private final InstantSource clock;

  ApiKeyVerifier(ApiKeyStore store, KeyUsageRecorder usage, InstantSource clock) {
    this.store = store;
    this.usage = usage;
    this.clock = clock;
  }

  public record VerifiedKey(String keyId, String accountId, String rootId) {}

  public Optional<VerifiedKey> verify(String presented) {
    Optional<String> prefix = ApiKeyFormat.prefixOf(presented);
    if (prefix.isEmpty()) {
      return Optional.empty();
    }
    Optional<ApiKeyStore.Candidate> candidate = store.findCandidate(prefix.get());
    if (candidate.isEmpty() || !ApiKeyFormat.matches(presented, candidate.get().sha256())) {
      return Optional.empty();
    }
    ApiKeyStore.Candidate c = candidate.get();
    usage.used(c.keyId(), clock.instant());
    return Optional.of(new VerifiedKey(c.keyId(), c.accountId(), c.rootId()));
  }
}
