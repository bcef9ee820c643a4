package dev.tollgate.server.pricing;

import dev.tollgate.core.pricing.RateSnapshot;
import dev.tollgate.core.pricing.Rating;
import java.util.List;

/** What {@link PriceCatalog#rate} answers: a rating, or a refusal the caller turns into a 422. */
public sealed interface CatalogRating permits CatalogRating.Rated, CatalogRating.Refused {

  /**
   * The rating, and the tools the usage reported that have no price: they were left out of the
   * rating (recorded, not charged), because only tools an administrator priced are billed.
   */
  record Rated(Rating rating, List<String> unpricedTools) implements CatalogRating {
    public Rated {
      unpricedTools = List.copyOf(unpricedTools);
    }

    /** What the usage record keeps; built on demand so that rating itself allocates little. */
    public RateSnapshot snapshot() {
      return rating.snapshot();
    }
  }

  /**
   * A refusal with a stable code: {@code price_missing} (no version in force when the usage
   * occurred), {@code price_group_not_found}, {@code service_tier_not_found}, or a core rejection.
   */
  record Refused(String code, String detail) implements CatalogRating {}
}
