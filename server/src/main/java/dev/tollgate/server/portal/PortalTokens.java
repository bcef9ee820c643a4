package dev.tollgate.server.portal;

import dev.tollgate.server.accounts.Account;
import dev.tollgate.server.accounts.AccountCommands;
import dev.tollgate.server.accounts.AccountStore;
import dev.tollgate.server.http.ApiException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Customer tokens ({@code tgc_…}): long-lived, shown once, revocable. A customer pastes one into
 * the login form. Revoking a token ends the sessions it opened.
 */
@Service
class PortalTokens {
  static final String SCHEME = "tgc_";
  /** Live tokens per account: one per person or device is plenty, and the list stays one page. */
  static final int PER_ACCOUNT_MAX = 10;
  static final int REMARK_LENGTH_MAX = 200;
  /** Characters of the token kept in clear to recognise it in the list (scheme + 6). */
  static final int PREFIX_LENGTH = SCHEME.length() + 6;
  /** Longest text the login form looks up; a real token is 47 characters. */
  static final int PRESENTED_LENGTH_MAX = 100;

  private final PortalAccessStore store;
  private final AccountStore accounts;
  private final SecureRandom random;
  private final InstantSource clock;

  PortalTokens(PortalAccessStore store, AccountStore accounts, SecureRandom random, InstantSource clock) {
    this.store = store;
    this.accounts = accounts;
    this.random = random;
    this.clock = clock;
  }

  record Created(PortalAccessStore.TokenRow token, String text) {}

  @Transactional
  Created create(String accountId, String remark) {
    String checkedRemark = remark == null ? "" : remark;
    if (checkedRemark.length() > REMARK_LENGTH_MAX) {
      throw ApiException.invalidField("remark", "remark_too_long",
          "a remark has at most " + REMARK_LENGTH_MAX + " characters");
    }
    Account account = account(accountId);
    store.lockAccount(accountId);
    if (store.countLiveTokens(accountId) >= PER_ACCOUNT_MAX) {
      throw ApiException.conflict("portal_token_limit_reached",
          "an account holds at most " + PER_ACCOUNT_MAX + " live portal tokens; revoke one first");
    }
    String text = SCHEME + PortalSecrets.issue(random);
    var row = new PortalAccessStore.TokenRow(account.rootId(), "pt_" + UUID.randomUUID(), accountId,
        text.substring(0, PREFIX_LENGTH), checkedRemark, clock.instant(), null);
    store.insertToken(row, PortalSecrets.sha256(text));
    return new Created(row, text);
  }

  List<PortalAccessStore.TokenRow> list(String accountId) {
    account(accountId);
    return store.liveTokens(accountId, PER_ACCOUNT_MAX);
  }

  /** Revoking twice is fine; an id this account never had is 404. Its sessions end at once. */
  @Transactional
  void revoke(String accountId, String tokenId) {
    account(accountId);
    if (!store.tokenExists(accountId, tokenId)) {
      throw ApiException.notFound("portal_token_not_found", "no portal token with id '" + tokenId + "' on this account");
    }
    Instant now = clock.instant();
    store.revokeToken(tokenId, now);
    store.endSessionsOf(tokenId, now);
  }

  /** Signs in with a token: a session of its account, or 401 {@code portal_token_invalid}. */
  @Transactional
  PortalSessions.Opened open(String presented, PortalSessions sessions) {
    String text = presented == null ? "" : presented.trim();
    if (!text.startsWith(SCHEME) || text.length() > PRESENTED_LENGTH_MAX) {
      throw invalid();
    }
    PortalAccessStore.TokenRow token = store.liveTokenByHash(PortalSecrets.sha256(text)).orElseThrow(PortalTokens::invalid);
    store.touchToken(token.id(), clock.instant());
    return sessions.open(token.rootId(), token.accountId(), "token", token.id());
  }

  private static ApiException invalid() {
    return new ApiException(HttpStatus.UNAUTHORIZED, "portal_token_invalid",
        "This token is not valid or was revoked. Check it, or ask your provider for a new one.");
  }

  private Account account(String accountId) {
    return accounts.find(accountId).orElseThrow(() -> AccountCommands.accountNotFound(accountId));
  }
}
