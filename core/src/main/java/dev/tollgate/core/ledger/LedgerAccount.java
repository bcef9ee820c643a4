package dev.tollgate.core.ledger;

import dev.tollgate.core.credit.GrantClass;
import java.util.Objects;

/** A ledger account: a kind and a key, written {@code kind:key} (e.g. {@code grant:g_42}). */
public record LedgerAccount(AccountKind kind, String key) {

  public LedgerAccount {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(key, "key");
    if (key.isBlank()) {
      throw new IllegalArgumentException("a ledger account key is not blank");
    }
  }

  public static LedgerAccount grant(String grantId) {
    return new LedgerAccount(AccountKind.GRANT, grantId);
  }

  public static LedgerAccount wallet(String accountId) {
    return new LedgerAccount(AccountKind.WALLET, accountId);
  }

  public static LedgerAccount grantFunding(GrantClass grantClass) {
    return new LedgerAccount(AccountKind.GRANT_FUNDING, grantClass.code());
  }

  public static LedgerAccount usage(String meter) {
    return new LedgerAccount(AccountKind.USAGE, meter);
  }

  public static LedgerAccount postpaid(String accountId) {
    return new LedgerAccount(AccountKind.POSTPAID, accountId);
  }

  public static LedgerAccount breakage(GrantClass grantClass) {
    return new LedgerAccount(AccountKind.BREAKAGE, grantClass.code());
  }

  public static LedgerAccount payments(String provider) {
    return new LedgerAccount(AccountKind.PAYMENTS, provider);
  }

  /** Where wallet money paid for packages of a kind goes ({@code prepaid}, {@code edition}, …). */
  public static LedgerAccount sales(String packageKind) {
    return new LedgerAccount(AccountKind.SALES, packageKind);
  }

  public static LedgerAccount adjustment(String reason) {
    return new LedgerAccount(AccountKind.ADJUSTMENT, reason);
  }

  /** Parses {@link #code()}; the key may itself contain colons. */
  public static LedgerAccount parse(String code) {
    int colon = code.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("not a ledger account code: " + code);
    }
    return new LedgerAccount(
        AccountKind.fromPrefix(code.substring(0, colon)), code.substring(colon + 1));
  }

  /** The stable text form, {@code kind:key}. */
  public String code() {
    return kind.prefix() + ":" + key;
  }

  @Override
  public String toString() {
    return code();
  }
}
