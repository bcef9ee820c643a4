package dev.tollgate.core.pricing;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-call prices of tools (web search, code interpreter…) in nanos. A price of 0 makes a tool
 * free; a tool absent from the table has no price, and rating a call that used it is refused
 * ({@code tool_price_missing}) rather than billed at 0, as for meters. Tool prices are never
 * multiplied by price-group or service-tier multipliers.
 */
public record ToolPrices(Map<String, Long> perCallNanos) {
  public static final ToolPrices NONE = new ToolPrices(Map.of());

  public ToolPrices {
    perCallNanos = Collections.unmodifiableMap(new TreeMap<>(perCallNanos));
    Rejection rejection = check(perCallNanos);
    if (rejection != null) {
      throw new IllegalArgumentException(rejection.code() + ": " + rejection.detail());
    }
  }

  public static Validated<ToolPrices> of(Map<String, Long> perCallNanos) {
    Rejection rejection = check(perCallNanos);
    return rejection == null
        ? Validated.valid(new ToolPrices(perCallNanos))
        : Validated.invalid(rejection);
  }

  /** The per-call price of a tool, or -1 when the tool has no price. */
  public long perCallNanosOf(String tool) {
    Long price = perCallNanos.get(tool);
    return price == null ? -1 : price;
  }

  static boolean validName(String name) {
    return name != null && !name.isBlank() && name.length() <= PriceLimits.TOOL_NAME_LENGTH_MAX;
  }

  private static Rejection check(Map<String, Long> perCallNanos) {
    if (perCallNanos.size() > PriceLimits.TOOL_PRICES_MAX) {
      return Rejection.of(
          PriceRejection.TOO_MANY_TOOL_PRICES,
          perCallNanos.size() + " tool prices, at most " + PriceLimits.TOOL_PRICES_MAX);
    }
    for (Map.Entry<String, Long> entry : perCallNanos.entrySet()) {
      if (!validName(entry.getKey())) {
        return Rejection.of(
            PriceRejection.TOOL_NAME_INVALID, "tool name is \"" + entry.getKey() + "\"");
      }
      if (entry.getValue() == null || entry.getValue() < 0) {
        return Rejection.of(
            PriceRejection.PRICE_NEGATIVE, "tool " + entry.getKey() + " has no non-negative price");
      }
    }
    return null;
  }
}
