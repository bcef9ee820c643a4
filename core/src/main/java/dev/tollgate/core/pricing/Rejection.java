package dev.tollgate.core.pricing;

import java.util.Objects;

/** A refused input: the rule broken and a detail naming the offending value. */
public record Rejection(PriceRejection reason, String detail) implements RatingOutcome {
  public Rejection {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
  }

  public static Rejection of(PriceRejection reason, String detail) {
    return new Rejection(reason, detail);
  }

  public String code() {
    return reason.code();
  }
}
