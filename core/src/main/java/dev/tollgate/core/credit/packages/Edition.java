package dev.tollgate.core.credit.packages;

import java.time.Instant;
import java.util.Objects;

/**
 * An edition an account holds (seed 000): a rank (free 0 < professional < enterprise) over a
 * validity {@code [effectiveAt, expiresAt)}.
 */
public record Edition(String id, int rank, Instant effectiveAt, Instant expiresAt) {
  public Edition {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(effectiveAt, "effectiveAt");
    if (expiresAt != null && !expiresAt.isAfter(effectiveAt)) {
      throw new IllegalArgumentException("an edition ends after it starts: " + id);
    }
  }

  public boolean validAt(Instant t) {
    return !t.isBefore(effectiveAt) && (expiresAt == null || t.isBefore(expiresAt));
  }
}
