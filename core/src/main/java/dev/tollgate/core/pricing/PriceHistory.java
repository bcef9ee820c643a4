package dev.tollgate.core.pricing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * All versions of one meter's price, ordered by effective time. A version is in force on the
 * half-open interval {@code [effectiveAt, next version's effectiveAt)}.
 */
public record PriceHistory(String meter, List<PriceVersion> versions) {

  public PriceHistory {
    versions = List.copyOf(versions);
    for (int i = 0; i < versions.size(); i++) {
      if (!versions.get(i).meter().equals(meter)) {
        throw new IllegalArgumentException("version " + i + " is not of meter " + meter);
      }
      if (i > 0 && !versions.get(i - 1).effectiveAt().isBefore(versions.get(i).effectiveAt())) {
        throw new IllegalArgumentException("versions are not strictly ordered by effectiveAt");
      }
    }
  }

  /** Orders the versions; refuses mixed meters and two versions taking effect at the same instant. */
  public static Validated<PriceHistory> of(String meter, List<PriceVersion> versions) {
    List<PriceVersion> sorted = new ArrayList<>(versions);
    sorted.sort(Comparator.comparing(PriceVersion::effectiveAt));
    for (int i = 0; i < sorted.size(); i++) {
      PriceVersion version = sorted.get(i);
      if (!version.meter().equals(meter)) {
        return Validated.invalid(
            Rejection.of(
                PriceRejection.HISTORY_METER_MISMATCH,
                "version of " + version.meter() + " in the history of " + meter));
      }
      if (i > 0 && sorted.get(i - 1).effectiveAt().equals(version.effectiveAt())) {
        return Validated.invalid(
            Rejection.of(
                PriceRejection.EFFECTIVE_AT_DUPLICATE,
                "two versions take effect at " + version.effectiveAt()));
      }
    }
    return Validated.valid(new PriceHistory(meter, sorted));
  }

  /** The latest version with {@code effectiveAt ≤ at}; empty before the first version. */
  public Optional<PriceVersion> inForceAt(Instant at) {
    int low = 0;
    int high = versions.size() - 1;
    int found = -1;
    while (low <= high) {
      int middle = (low + high) >>> 1;
      if (versions.get(middle).effectiveAt().isAfter(at)) {
        high = middle - 1;
      } else {
        found = middle;
        low = middle + 1;
      }
    }
    return found < 0 ? Optional.empty() : Optional.of(versions.get(found));
  }
}
