package dev.tollgate.core.pricing;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one call consumed. The counts are disjoint: {@code inputTokens} excludes cache reads and
 * cache writes, and {@code reasoningTokens} are not part of {@code outputTokens}. {@code tools}
 * maps a tool name to its call count, sorted by name so that breakdowns are deterministic.
 */
public record Usage(
    long inputTokens,
    long outputTokens,
    long cacheReadTokens,
    long cacheWriteTokens,
    long reasoningTokens,
    long calls,
    long seconds,
    long units,
    Map<String, Long> tools) {

  public static final Usage NONE = new Usage(0, 0, 0, 0, 0, 0, 0, 0, Map.of());

  public Usage {
    tools = tools == null || tools.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(tools));
    Rejection rejection =
        check(
            inputTokens,
            outputTokens,
            cacheReadTokens,
            cacheWriteTokens,
            reasoningTokens,
            calls,
            seconds,
            units,
            tools);
    if (rejection != null) {
      throw new IllegalArgumentException(rejection.code() + ": " + rejection.detail());
    }
  }

  /** Checks usage reported from outside; negatives are refused as {@code usage_negative}. */
  public static Validated<Usage> of(
      long inputTokens,
      long outputTokens,
      long cacheReadTokens,
      long cacheWriteTokens,
      long reasoningTokens,
      long calls,
      long seconds,
      long units,
      Map<String, Long> tools) {
    Map<String, Long> toolCounts = tools == null ? Map.of() : tools;
    Rejection rejection =
        check(
            inputTokens,
            outputTokens,
            cacheReadTokens,
            cacheWriteTokens,
            reasoningTokens,
            calls,
            seconds,
            units,
            toolCounts);
    if (rejection != null) {
      return Validated.invalid(rejection);
    }
    return Validated.valid(
        new Usage(
            inputTokens,
            outputTokens,
            cacheReadTokens,
            cacheWriteTokens,
            reasoningTokens,
            calls,
            seconds,
            units,
            toolCounts));
  }

  public static Usage tokens(long inputTokens, long outputTokens) {
    return new Usage(inputTokens, outputTokens, 0, 0, 0, 0, 0, 0, Map.of());
  }

  public static Usage tokens(
      long inputTokens, long outputTokens, long cacheReadTokens, long cacheWriteTokens) {
    return new Usage(
        inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens, 0, 0, 0, 0, Map.of());
  }

  public static Usage calls(long calls) {
    return new Usage(0, 0, 0, 0, 0, calls, 0, 0, Map.of());
  }

  public static Usage seconds(long seconds) {
    return new Usage(0, 0, 0, 0, 0, 0, seconds, 0, Map.of());
  }

  public static Usage units(long units) {
    return new Usage(0, 0, 0, 0, 0, 0, 0, units, Map.of());
  }

  public Usage withReasoningTokens(long reasoningTokens) {
    return new Usage(
        inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens, reasoningTokens, calls,
        seconds, units, tools);
  }

  public Usage withTools(Map<String, Long> tools) {
    return new Usage(
        inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens, reasoningTokens, calls,
        seconds, units, tools);
  }

  /** Input + cache read + cache write tokens: what context tiers compare against. */
  public long inputSizeTokens() {
    return Math.addExact(Math.addExact(inputTokens, cacheReadTokens), cacheWriteTokens);
  }

  private static Rejection check(
      long inputTokens,
      long outputTokens,
      long cacheReadTokens,
      long cacheWriteTokens,
      long reasoningTokens,
      long calls,
      long seconds,
      long units,
      Map<String, Long> tools) {
    if ((inputTokens | outputTokens | cacheReadTokens | cacheWriteTokens | reasoningTokens | calls
            | seconds | units)
        < 0) {
      return Rejection.of(PriceRejection.USAGE_NEGATIVE, "a usage count is negative");
    }
    if (tools.size() > PriceLimits.TOOLS_PER_REQUEST_MAX) {
      return Rejection.of(
          PriceRejection.TOO_MANY_TOOLS,
          tools.size() + " tools, at most " + PriceLimits.TOOLS_PER_REQUEST_MAX);
    }
    for (Map.Entry<String, Long> tool : tools.entrySet()) {
      if (!ToolPrices.validName(tool.getKey())) {
        return Rejection.of(PriceRejection.TOOL_NAME_INVALID, "tool name is \"" + tool.getKey() + "\"");
      }
      if (tool.getValue() == null || tool.getValue() < 0) {
        return Rejection.of(
            PriceRejection.USAGE_NEGATIVE, "tool " + tool.getKey() + " has no non-negative count");
      }
    }
    return null;
  }
}
