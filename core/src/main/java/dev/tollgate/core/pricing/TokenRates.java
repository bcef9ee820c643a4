package dev.tollgate.core.pricing;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * Token prices in nanos of the currency per 1M tokens. Reasoning tokens are billed at the output
 * rate unless {@code reasoningPer1MNanos} prices them separately. Checked by {@link PriceVersion}.
 */
public record TokenRates(
    long inputPer1MNanos,
    long outputPer1MNanos,
    long cacheReadPer1MNanos,
    long cacheWritePer1MNanos,
    OptionalLong reasoningPer1MNanos) {

  public TokenRates {
    Objects.requireNonNull(reasoningPer1MNanos, "reasoningPer1MNanos");
  }

  /** Input and output only: cache reads and writes are input tokens the provider does not discount. */
  public static TokenRates of(long inputPer1MNanos, long outputPer1MNanos) {
    return new TokenRates(
        inputPer1MNanos, outputPer1MNanos, inputPer1MNanos, inputPer1MNanos, OptionalLong.empty());
  }

  public static TokenRates of(
      long inputPer1MNanos,
      long outputPer1MNanos,
      long cacheReadPer1MNanos,
      long cacheWritePer1MNanos) {
    return new TokenRates(
        inputPer1MNanos,
        outputPer1MNanos,
        cacheReadPer1MNanos,
        cacheWritePer1MNanos,
        OptionalLong.empty());
  }

  public TokenRates withReasoningPer1MNanos(long reasoningPer1MNanos) {
    return new TokenRates(
        inputPer1MNanos,
        outputPer1MNanos,
        cacheReadPer1MNanos,
        cacheWritePer1MNanos,
        OptionalLong.of(reasoningPer1MNanos));
  }

  /** The rate reasoning tokens are billed at: their own, else the output rate. */
  public long reasoningEffectivePer1MNanos() {
    return reasoningPer1MNanos.isPresent() ? reasoningPer1MNanos.getAsLong() : outputPer1MNanos;
  }

  boolean anyNegative() {
    return inputPer1MNanos < 0
        || outputPer1MNanos < 0
        || cacheReadPer1MNanos < 0
        || cacheWritePer1MNanos < 0
        || (reasoningPer1MNanos.isPresent() && reasoningPer1MNanos.getAsLong() < 0);
  }
}
