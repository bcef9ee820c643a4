package dev.tollgate.core.pricing;

/** One tier's share of a month: the units priced in it, its flat fee and their amount. */
public record TierLine(
    int tierIndex, long units, long unitPriceNanos, long flatFeeNanos, long amountNanos) {}
