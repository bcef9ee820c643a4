package dev.tollgate.core.pricing;

/** Named limits of pricing; each is tested at the limit and one past it. */
public final class PriceLimits {
  /** Seed 004 has 4 monthly tiers and public price pages rarely exceed 10; 16 leaves room. */
  public static final int MONTHLY_TIERS_MAX = 16;
  /** LiteLLM's list has at most 2 context thresholds per model (128k, 200k, 272k…); 8 leaves room. */
  public static final int CONTEXT_TIERS_MAX = 8;
  /** Distinct tools in one usage event; today's APIs offer under 10 priced built-in tools. */
  public static final int TOOLS_PER_REQUEST_MAX = 32;
  /** Entries of a tool price table: every tool a platform resells, with room. */
  public static final int TOOL_PRICES_MAX = 256;
  /** Meter names: the longest LiteLLM model name is 76 characters; 200 fits an index comfortably. */
  public static final int METER_LENGTH_MAX = 200;
  /** Tool names: OpenAI and Anthropic cap function names at 64 characters. */
  public static final int TOOL_NAME_LENGTH_MAX = 64;
  /** Unit names ("image", "page", "minute") are single words shown on bills. */
  public static final int UNIT_NAME_LENGTH_MAX = 32;
  /** ISO 4217 codes have 3 letters; a platform's own credit unit code ("credits", "PU") may be longer. */
  public static final int CURRENCY_CODE_LENGTH_MAX = 16;
  /** A default concurrency above this is a typo; seed 004 defaults to 3 concurrent tasks. */
  public static final int CONCURRENCY_DEFAULT_MAX = 10_000;

  private PriceLimits() {}
}
