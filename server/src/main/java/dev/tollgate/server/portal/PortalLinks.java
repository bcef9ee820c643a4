package dev.tollgate.server.portal;

import dev.tollgate.server.accounts.Account;
import dev.tollgate.server.accounts.AccountCommands;
import dev.tollgate.server.accounts.AccountStore;
import dev.tollgate.server.http.ApiException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Signed links: the operator asks for one, hands it to the customer, who opens it once before it
 * expires to get a portal session. The link carries a random token; only its SHA-256 is stored.
 */
@Service
class PortalLinks {
  /** Long enough to read an e-mail over lunch; short enough that a forwarded link soon dies. */
  static final Duration TTL_DEFAULT = Duration.ofHours(1);
  /** A week: a link that lives longer should be a customer token (revocable, listed). */
  static final Duration TTL_MAX = Duration.ofDays(7);

  private final PortalAccessStore store;
  private final AccountStore accounts;
  private final SecureRandom random;
  private final InstantSource clock;

  PortalLinks(PortalAccessStore store, AccountStore accounts, SecureRandom random, InstantSource clock) {
    this.store = store;
    this.accounts = accounts;
    this.random = random;
    this.clock = clock;
  }

  record Issued(String token, Instant expiresAt) {}

  @Transactional
  Issued issue(String accountId, Long ttlSeconds) {
    Duration ttl = ttl(ttlSeconds);
    Account account = accounts.find(accountId).orElseThrow(() -> AccountCommands.accountNotFound(accountId));
    Instant now = clock.instant();
    String token = PortalSecrets.issue(random);
    Instant expiresAt = now.plus(ttl);
    store.insertLink(account.rootId(), "pl_" + UUID.randomUUID(), account.id(), PortalSecrets.sha256(token), now,
        expiresAt);
    return new Issued(token, expiresAt);
  }

  static Duration ttl(Long ttlSeconds) {
    if (ttlSeconds == null) {
      return TTL_DEFAULT;
    }
    if (ttlSeconds < 1 || ttlSeconds > TTL_MAX.toSeconds()) {
      throw ApiException.invalidField("ttlSeconds", "ttl_invalid",
          "ttlSeconds is from 1 to " + TTL_MAX.toSeconds() + " (7 days)");
    }
    return Duration.ofSeconds(ttlSeconds);
  }

  /** Why a link opens nothing, in the order checked. */
  enum Refusal {
    LINK_INVALID(HttpStatus.NOT_FOUND, "portal_link_invalid", "This link is not valid. Ask your provider for a new one."),
    LINK_USED(HttpStatus.GONE, "portal_link_used", "This link has been used already. Each link opens the portal once."),
    LINK_EXPIRED(HttpStatus.GONE, "portal_link_expired", "This link has expired. Ask your provider for a new one.");

    final HttpStatus status;
    final String code;
    final String message;

    Refusal(HttpStatus status, String code, String message) {
      this.status = status;
      this.code = code;
      this.message = message;
    }

    ApiException exception() {
      return new ApiException(status, code, message);
    }
  }

  /** Uses the link (once: under its row lock) and opens a session of its account. */
  @Transactional
  PortalSessions.Opened open(String token, PortalSessions sessions) {
    Instant now = clock.instant();
    if (token == null || token.isEmpty() || token.length() > 100) {
      throw Refusal.LINK_INVALID.exception();
    }
    PortalAccessStore.LinkRow link = store.lockLink(PortalSecrets.sha256(token))
        .orElseThrow(Refusal.LINK_INVALID::exception);
    if (link.usedAt() != null) {
      throw Refusal.LINK_USED.exception();
    }
    if (!now.isBefore(link.expiresAt())) {
      throw Refusal.LINK_EXPIRED.exception();
    }
    store.markLinkUsed(link.rootId(), link.id(), now);
    return sessions.open(link.rootId(), link.accountId(), "link", link.id());
  }
}
