package dev.tollgate.core.pricing;

/**
 * One line of a rating's breakdown: {@code quantity × rateNanos ÷ quantityBasis × multiplier},
 * rounded half-up once to a nano. {@code rateNanos} is the list rate before the multiplier, per
 * {@code quantityBasis} units (1,000,000 for tokens, 1 for calls, seconds, units and tools).
 * Names: input, output, cache_read, cache_write, reasoning, call, second, unit, tool:&lt;name&gt;.
 */
public record RatedComponent(
    String name, long quantity, long rateNanos, long quantityBasis, long amountNanos) {}
