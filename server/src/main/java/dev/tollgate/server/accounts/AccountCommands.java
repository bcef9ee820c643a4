package dev.tollgate.server.accounts;

import dev.tollgate.core.accounts.AccountRejection;
import dev.tollgate.core.accounts.AccountRules;
import dev.tollgate.core.accounts.AccountStatus;
import dev.tollgate.core.accounts.BillingMode;
import dev.tollgate.core.money.Nanos;
import dev.tollgate.core.accounts.PostpaidSwitch;
import dev.tollgate.server.http.ApiException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Account writes: each checks everything first, then changes state once, in one transaction. */
@Service
public class AccountCommands {
  private final AccountStore store;
  private final InstantSource clock;

  public AccountCommands(AccountStore store, InstantSource clock) {
    this.store = store;
    this.clock = clock;
  }

  public record NewAccount(String id, String name, String parentId, String currency, String timezone) {}

  /** The account, and whether this call created it (false: an identical earlier request did). */
  public record Created(Account account, boolean created) {}

  @Transactional
  public Created create(NewAccount request) {
    reject(AccountRules.checkId(request.id()), "id");
    reject(AccountRules.checkName(request.name()), "name");
    Account parent = null;
    if (request.parentId() != null) {
      parent = store.find(request.parentId())
          .orElseThrow(() -> rejection(AccountRejection.PARENT_NOT_FOUND, "parentId"));
      if (!parent.isRoot()) {
        throw rejection(AccountRejection.PARENT_NOT_ROOT, "parentId");
      }
    }
    String currency = request.currency() != null ? request.currency() : parent != null ? parent.currency() : "USD";
    reject(AccountRules.checkCurrency(currency), "currency");
    if (parent != null && !parent.currency().equals(currency)) {
      throw rejection(AccountRejection.CURRENCY_MISMATCH, "currency");
    }
    String timezone = request.timezone() != null ? request.timezone() : parent != null ? parent.timezone() : "UTC";
    reject(AccountRules.checkTimezone(timezone), "timezone");

    Instant now = clock.instant();
    Account account = new Account(
        request.id(), parent != null ? parent.id() : request.id(), request.parentId(), request.name(), currency,
        timezone, AccountStatus.ACTIVE, false, null, true, null, null, null, now, now);
    if (store.insertIfAbsent(account)) {
      return new Created(account, true);
    }
    Account existing = store.find(request.id()).orElseThrow();
    boolean same = existing.name().equals(account.name())
        && Objects.equals(existing.parentId(), account.parentId())
        && existing.currency().equals(account.currency())
        && existing.timezone().equals(account.timezone());
    if (!same) {
      throw ApiException.conflict("account_exists", "an account with id '" + request.id() + "' already exists with other fields");
    }
    return new Created(existing, false);
  }

  public record AccountPatch(String name, String timezone, String status) {}

  @Transactional
  public Account update(String id, AccountPatch patch) {
    Account a = store.lock(id).orElseThrow(() -> accountNotFound(id));
    if (patch.name() != null) {
      reject(AccountRules.checkName(patch.name()), "name");
    }
    if (patch.timezone() != null) {
      reject(AccountRules.checkTimezone(patch.timezone()), "timezone");
    }
    AccountStatus status = a.status();
    if (patch.status() != null) {
      status = AccountStatus.fromCode(patch.status()).orElseThrow(() -> rejection(AccountRejection.STATUS_INVALID, "status"));
    }
    Account updated = new Account(
        a.id(), a.rootId(), a.parentId(), patch.name() != null ? patch.name() : a.name(), a.currency(),
        patch.timezone() != null ? patch.timezone() : a.timezone(), status, a.postpaidEnabled(),
        a.postpaidChangedAt(), a.contentModeration(), a.priceGroup(), a.billingMode(), a.prepaidAmountNanos(),
        a.createdAt(), clock.instant());
    store.update(updated);
    return updated;
  }

  /** {@code priceGroup}: null leaves it, "" clears it, a name assigns that price group. */
  /**
   * Settings to change; null leaves one as it is. {@code billingMode} and {@code prepaidAmount}
   * override the platform's for this account; an empty string returns to the platform's.
   */
  public record SettingsPatch(
      Boolean postpaidEnabled, Boolean contentModeration, String priceGroup, String billingMode, String prepaidAmount) {}

  @Transactional
  public Account updateSettings(String id, SettingsPatch patch) {
    // The row lock makes "at most one postpaid change per hour" hold under racing requests.
    Account a = store.lock(id).orElseThrow(() -> accountNotFound(id));
    Instant now = clock.instant();
    boolean postpaid = a.postpaidEnabled();
    Instant postpaidChangedAt = a.postpaidChangedAt();
    if (patch.postpaidEnabled() != null && patch.postpaidEnabled() != a.postpaidEnabled()) {
      if (!PostpaidSwitch.allows(a.postpaidEnabled(), patch.postpaidEnabled(), a.postpaidChangedAt(), now)) {
        throw ApiException.conflict(
            "postpaid_switch_too_soon",
            "the postpaid switch changes at most once an hour; it last changed at " + a.postpaidChangedAt()
                + ", next change allowed from " + a.postpaidChangedAt().plus(PostpaidSwitch.MIN_INTERVAL));
      }
      postpaid = patch.postpaidEnabled();
      postpaidChangedAt = now;
    }
    boolean moderation = patch.contentModeration() != null ? patch.contentModeration() : a.contentModeration();
    String priceGroup = a.priceGroup();
    if (patch.priceGroup() != null) {
      priceGroup = patch.priceGroup().isEmpty() ? null : patch.priceGroup();
      if (priceGroup != null && !store.priceGroupExists(priceGroup)) {
        throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "price_group_not_found",
            "no price group '" + priceGroup + "'", "priceGroup");
      }
    }
    BillingMode billingMode = a.billingMode();
    if (patch.billingMode() != null) {
      billingMode = patch.billingMode().isEmpty() ? null : BillingMode.fromCode(patch.billingMode()).orElseThrow(() ->
          ApiException.invalidField("billingMode", "billing_mode_invalid", "billingMode is self, period or usage, or \"\" for the platform's"));
    }
    Long prepaid = a.prepaidAmountNanos();
    if (patch.prepaidAmount() != null) {
      prepaid = patch.prepaidAmount().isEmpty() ? null : Nanos.parseNonNegative(patch.prepaidAmount());
    }
    Account updated = new Account(
        a.id(), a.rootId(), a.parentId(), a.name(), a.currency(), a.timezone(), a.status(), postpaid,
        postpaidChangedAt, moderation, priceGroup, billingMode, prepaid, a.createdAt(), now);
    store.update(updated);
    return updated;
  }

  public static ApiException accountNotFound(String id) {
    return ApiException.notFound("account_not_found", "no account with id '" + id + "'");
  }

  private static void reject(Optional<AccountRejection> rejection, String field) {
    if (rejection.isPresent()) {
      throw rejection(rejection.get(), field);
    }
  }

  private static ApiException rejection(AccountRejection r, String field) {
    return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, r.code(), r.message(), field);
  }
}
