package dev.tollgate.core.accounts;

import java.util.Optional;

/** Whether an account may call. Suspended and closed accounts are refused at authorisation. */
public enum AccountStatus {
  ACTIVE,
  SUSPENDED,
  CLOSED;

  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static Optional<AccountStatus> fromCode(String code) {
    for (AccountStatus s : values()) {
      if (s.code().equals(code)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
