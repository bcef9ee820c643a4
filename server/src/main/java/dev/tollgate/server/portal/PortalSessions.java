package dev.tollgate.server.portal;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Portal sessions, stored in PostgreSQL so any node can serve the next request. The cookie holds
 * a random id; the table holds its SHA-256. A session ends when idle for {@link #IDLE_TIMEOUT},
 * at the latest {@link #ABSOLUTE_TIMEOUT} after it opened, on sign-out, or when its token is
 * revoked.
 */
@Service
class PortalSessions {
  /** A customer reading bills for half an hour stays in; an abandoned browser is out soon after. */
  static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);
  /** A working day: a stolen cookie is worth at most this long. */
  static final Duration ABSOLUTE_TIMEOUT = Duration.ofHours(12);

  private final PortalAccessStore store;
  private final SecureRandom random;
  private final InstantSource clock;

  PortalSessions(PortalAccessStore store, SecureRandom random, InstantSource clock) {
    this.store = store;
    this.random = random;
    this.clock = clock;
  }

  /** A new session and the cookie value that names it (never stored). */
  record Opened(String cookieValue, PortalSession session) {}

  Opened open(String rootId, String accountId, String sourceKind, String sourceId) {
    Instant now = clock.instant();
    String cookieValue = PortalSecrets.issue(random);
    PortalSession session = new PortalSession(PortalSecrets.sha256(cookieValue), rootId, accountId,
        PortalSecrets.issue(random), sourceKind, sourceId, now, now);
    store.insertSession(session);
    return new Opened(cookieValue, session);
  }

  /** The live session a cookie names, its last-seen time moved to now; empty when unknown, ended or timed out. */
  Optional<PortalSession> resolve(String cookieValue) {
    if (cookieValue == null || cookieValue.isEmpty() || cookieValue.length() > 100) {
      return Optional.empty();
    }
    byte[] sha256 = PortalSecrets.sha256(cookieValue);
    Optional<PortalSession> found = store.liveSession(sha256);
    if (found.isEmpty()) {
      return found;
    }
    Instant now = clock.instant();
    PortalSession s = found.get();
    if (!now.isBefore(s.lastSeenAt().plus(IDLE_TIMEOUT)) || !now.isBefore(s.createdAt().plus(ABSOLUTE_TIMEOUT))) {
      store.endSession(sha256, now);
      return Optional.empty();
    }
    store.touchSession(sha256, now);
    return found;
  }

  void end(String cookieValue) {
    if (cookieValue != null && !cookieValue.isEmpty() && cookieValue.length() <= 100) {
      store.endSession(PortalSecrets.sha256(cookieValue), clock.instant());
    }
  }
}
