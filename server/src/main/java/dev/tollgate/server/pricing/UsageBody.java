package dev.tollgate.server.pricing;

import dev.tollgate.core.pricing.Usage;
import java.util.Map;

/**
 * The usage fields of API.md as JSON integers; an omitted count is 0. Shared by quotes and, later,
 * settle. {@link #toUsage} refuses negatives ({@code usage_negative}) and bad tool names as 422.
 */
public record UsageBody(
    Long inputTokens,
    Long outputTokens,
    Long cacheReadTokens,
    Long cacheWriteTokens,
    Long reasoningTokens,
    Long calls,
    Long seconds,
    Long units,
    Map<String, Long> tools) {

  public Usage toUsage() {
    return PriceProblems.valid(
        Usage.of(n(inputTokens), n(outputTokens), n(cacheReadTokens), n(cacheWriteTokens), n(reasoningTokens),
            n(calls), n(seconds), n(units), tools),
        "usage");
  }

  private static long n(Long count) {
    return count == null ? 0 : count;
  }
}
