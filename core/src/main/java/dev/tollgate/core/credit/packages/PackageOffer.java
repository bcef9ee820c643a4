package dev.tollgate.core.credit.packages;

import java.util.Objects;

/** A prepaid package as the advisor sees it: how many units it holds and what it costs. */
public record PackageOffer(String id, long units, long priceNanos) {
  public PackageOffer {
    Objects.requireNonNull(id, "id");
    if (units <= 0) {
      throw new IllegalArgumentException("a package holds at least one unit: " + id);
    }
    if (priceNanos < 0) {
      throw new IllegalArgumentException("a package price is not negative: " + id);
    }
  }
}
