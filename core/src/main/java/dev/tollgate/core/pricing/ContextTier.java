package dev.tollgate.core.pricing;

import java.util.Objects;

/**
 * Rates that replace all of a token price's rates for a request whose input size (input + cache
 * read + cache write tokens) is strictly above {@code aboveInputTokens}. Whole request, not graduated.
 */
public record ContextTier(long aboveInputTokens, TokenRates rates) {
  public ContextTier {
    Objects.requireNonNull(rates, "rates");
  }
}
