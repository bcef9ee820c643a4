package dev.tollgate.server.keys;

import dev.tollgate.core.keys.ApiKeyFormat;
import dev.tollgate.core.keys.IssuedKey;
import dev.tollgate.core.keys.KeyLimit;
import dev.tollgate.server.accounts.Account;
import dev.tollgate.server.accounts.AccountCommands;
import dev.tollgate.server.accounts.AccountStore;
import dev.tollgate.server.config.TollgateProperties;
import dev.tollgate.server.http.ApiException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Key writes. Creation checks the family limit under the root account's row lock. */
@Service
public class ApiKeyCommands {
  public static final int REMARK_LENGTH_MAX = 200;

  private final ApiKeyStore keys;
  private final AccountStore accounts;
  private final KeyLimit limit;
  private final SecureRandom random;
  private final InstantSource clock;

  ApiKeyCommands(ApiKeyStore keys, AccountStore accounts, TollgateProperties properties, SecureRandom random, InstantSource clock) {
    this.keys = keys;
    this.accounts = accounts;
    this.limit = new KeyLimit(properties.keys().perRootMax());
    this.random = random;
    this.clock = clock;
  }

  public record Created(ApiKey key, String text) {}

  @Transactional
  public Created create(String accountId, String remark) {
    String checkedRemark = checkRemark(remark == null ? "" : remark);
    Account account = accounts.find(accountId).orElseThrow(() -> AccountCommands.accountNotFound(accountId));
    accounts.lockRoot(account.rootId()).orElseThrow();
    int live = keys.countLive(account.rootId());
    if (!limit.allowsAnother(live)) {
      throw ApiException.conflict(
          "api_key_limit_reached",
          "a root account and its sub-accounts hold at most " + limit.perRootMax() + " API keys together; delete one first");
    }
    IssuedKey issued = ApiKeyFormat.issue(random);
    ApiKey key = new ApiKey(
        "key_" + issued.prefix().substring(ApiKeyFormat.SCHEME.length()), account.rootId(), accountId, issued.prefix(),
        checkedRemark, clock.instant(), null);
    keys.insert(key, issued.sha256());
    return new Created(key, issued.key());
  }

  @Transactional
  ApiKey remark(String accountId, String keyId, String remark) {
    String checkedRemark = checkRemark(remark);
    ApiKey key = keys.findLive(accountId, keyId).orElseThrow(() -> keyNotFound(keyId));
    keys.updateRemark(keyId, checkedRemark);
    return new ApiKey(key.id(), key.rootId(), key.accountId(), key.prefix(), checkedRemark, key.createdAt(), key.lastUsedAt());
  }

  /** Deleting twice is fine (the second does nothing); an id that never existed is 404. */
  @Transactional
  public void delete(String accountId, String keyId) {
    if (!keys.existsEver(accountId, keyId)) {
      throw keyNotFound(keyId);
    }
    keys.markDeleted(keyId, clock.instant());
  }

  public List<ApiKey> list(String accountId, boolean family) {
    Account account = accounts.find(accountId).orElseThrow(() -> AccountCommands.accountNotFound(accountId));
    if (family && !account.isRoot()) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "not_a_root_account", "only a root account has a family of keys", "family");
    }
    return keys.listLive(accountId, family);
  }

  private static String checkRemark(String remark) {
    if (remark == null) {
      throw ApiException.missingField("remark");
    }
    if (remark.length() > REMARK_LENGTH_MAX) {
      throw ApiException.invalidField("remark", "remark_too_long", "a remark has at most " + REMARK_LENGTH_MAX + " characters");
    }
    return remark;
  }

  static ApiException keyNotFound(String keyId) {
    return ApiException.notFound("api_key_not_found", "no API key with id '" + keyId + "' on this account");
  }
}
