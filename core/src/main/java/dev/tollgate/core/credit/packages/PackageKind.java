package dev.tollgate.core.credit.packages;

import java.util.Locale;
import java.util.Optional;

/**
 * What buying a package gives (seeds 000, 002, 004):
 *
 * <ul>
 *   <li>{@code prepaid}: a prepaid resource package, credit of class {@code prepaid};
 *   <li>{@code edition}: an edition (free, professional, enterprise) with a rank and a periodic
 *       allowance of class {@code edition}; overlapping editions → only the highest takes effect;
 *   <li>{@code addon}: a value-added package, bought only while an edition is active and burnable
 *       only inside one (class {@code prepaid}, {@code requiresEdition});
 *   <li>{@code concurrency}: extra concurrent calls on listed meters for its validity; no credit.
 * </ul>
 */
public enum PackageKind {
  PREPAID,
  EDITION,
  ADDON,
  CONCURRENCY;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<PackageKind> fromCode(String code) {
    for (PackageKind k : values()) {
      if (k.code().equals(code)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }
}
