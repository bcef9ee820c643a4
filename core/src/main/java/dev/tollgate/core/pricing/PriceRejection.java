package dev.tollgate.core.pricing;

/**
 * Why a price, a usage event or a rating is refused. {@link #code()} is stable snake_case that the
 * HTTP layer returns as a problem's {@code code}. Price checks run in the order declared here and
 * stop at the first failure, so a given bad input always yields the same code.
 */
public enum PriceRejection {
  METER_INVALID("meter_invalid", "a meter is a non-blank name of at most 200 characters"),
  CURRENCY_INVALID(
      "currency_invalid",
      "a currency is 1 to 16 letters, digits or underscores starting with a letter"),
  EFFECTIVE_AT_MISSING("effective_at_missing", "a price version needs an effective time"),
  MODE_MISSING("mode_missing", "a price version needs a mode and its prices"),
  PRICE_NEGATIVE("price_negative", "a price must not be negative"),
  UNIT_NAME_MISSING("unit_name_missing", "a unit-mode price needs a unit name"),
  UNIT_NAME_TOO_LONG("unit_name_too_long", "a unit name has at most 32 characters"),
  TOO_MANY_CONTEXT_TIERS("too_many_context_tiers", "a token price has at most 8 context tiers"),
  CONTEXT_TIERS_NOT_INCREASING(
      "context_tiers_not_increasing",
      "context tier thresholds must be non-negative and strictly increasing"),
  TIER_MODE_MISSING("tier_mode_missing", "monthly tiers need a tier mode (volume or graduated)"),
  TIERS_EMPTY("tiers_empty", "a tier mode needs at least one monthly tier"),
  TOO_MANY_TIERS("too_many_tiers", "a price has at most 16 monthly tiers"),
  TIER_UNBOUNDED_NOT_LAST("tier_unbounded_not_last", "only the last monthly tier may be unbounded"),
  TIERS_NOT_INCREASING(
      "tiers_not_increasing", "monthly tier bounds must be positive and strictly increasing"),
  TIERS_LAST_NOT_UNBOUNDED("tiers_last_not_unbounded", "the last monthly tier must be unbounded"),
  CONCURRENCY_DEFAULT_INVALID(
      "concurrency_default_invalid", "a default concurrency is between 1 and 10,000"),
  HISTORY_METER_MISMATCH("history_meter_mismatch", "a price history holds versions of one meter"),
  EFFECTIVE_AT_DUPLICATE(
      "effective_at_duplicate", "two versions of one meter cannot take effect at the same instant"),
  USAGE_NEGATIVE("usage_negative", "usage counts must not be negative"),
  TOOL_NAME_INVALID("tool_name_invalid", "a tool name is non-blank with at most 64 characters"),
  TOO_MANY_TOOLS("too_many_tools", "a usage event names at most 32 distinct tools"),
  TOO_MANY_TOOL_PRICES("too_many_tool_prices", "a tool price table has at most 256 tools"),
  TOOL_PRICE_MISSING("tool_price_missing", "a tool was used that has no price"),
  MULTIPLIER_INVALID("multiplier_invalid", "a multiplier is a positive decimal or fraction");

  private final String code;
  private final String message;

  PriceRejection(String code, String message) {
    this.code = code;
    this.message = message;
  }

  public String code() {
    return code;
  }

  /** The general rule that was broken; {@link Rejection#detail()} names the offending value. */
  public String message() {
    return message;
  }
}
