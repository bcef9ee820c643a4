package dev.tollgate.server.keys;

import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code lastUsedAt} off the hot path: a verification only puts the key in a map; every
 * {@link #FLUSH_INTERVAL_MS} one batched update writes them all. The stored value lags by at most
 * that interval (this node's own lists merge in what is pending, so they never lag).
 */
@Component
class KeyUsageRecorder {
  private static final Logger log = LoggerFactory.getLogger(KeyUsageRecorder.class);
  static final long FLUSH_INTERVAL_MS = 5_000;

  private final ApiKeyStore store;
  private final ConcurrentHashMap<String, Instant> pending = new ConcurrentHashMap<>();

  KeyUsageRecorder(ApiKeyStore store) {
    this.store = store;
  }

  void used(String keyId, Instant at) {
    pending.merge(keyId, at, (a, b) -> a.isAfter(b) ? a : b);
  }

  Instant pendingFor(String keyId) {
    return pending.get(keyId);
  }

  @Scheduled(fixedDelay = FLUSH_INTERVAL_MS)
  @PreDestroy
  void flush() {
    if (pending.isEmpty()) {
      return;
    }
    Map<String, Instant> batch = new HashMap<>();
    for (String keyId : pending.keySet()) {
      Instant at = pending.remove(keyId);
      if (at != null) {
        batch.put(keyId, at);
      }
    }
    try {
      store.recordLastUsed(batch);
    } catch (RuntimeException e) {
      // Put them back for the next round; lastUsedAt is informational, never worth failing a call.
      batch.forEach(this::used);
      log.warn("could not record key usage, will retry: {}", e.toString());
    }
  }
}
