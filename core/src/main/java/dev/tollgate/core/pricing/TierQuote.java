package dev.tollgate.core.pricing;

/**
 * The price of a month's units: the amount, and the tier the month reached with that tier's unit
 * price and flat fee (what a bill line and {@code POST /v1/quote} show).
 */
public record TierQuote(
    long units, long amountNanos, int tierIndex, long unitPriceNanos, long flatFeeNanos) {}
