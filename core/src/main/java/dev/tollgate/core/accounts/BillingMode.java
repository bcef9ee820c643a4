package dev.tollgate.core.accounts;

import java.util.Locale;
import java.util.Optional;

/**
 * Seed 003's billing modes. {@code self}: record usage and cost, charge nothing. {@code period}:
 * plan credit of the current period first, then the balance. {@code usage}: grants and balance.
 * Period and usage deduct with the same engine: plan credit is an edition grant, which burns before
 * the wallet by class.
 */
public enum BillingMode {
  SELF,
  PERIOD,
  USAGE;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<BillingMode> fromCode(String code) {
    for (BillingMode m : values()) {
      if (m.code().equals(code)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }
}
