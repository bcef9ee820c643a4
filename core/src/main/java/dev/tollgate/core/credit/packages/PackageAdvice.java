package dev.tollgate.core.credit.packages;

import java.util.List;

/**
 * The cheapest mix of packages covering the expected units.
 *
 * @param counts how many of each package, in the order of the offers given, zero counts left out
 * @param unitsCovered total units of the mix (at least the expected units)
 */
public record PackageAdvice(long totalNanos, long unitsCovered, List<Line> counts) {
  public record Line(String packageId, long count) {}
}
