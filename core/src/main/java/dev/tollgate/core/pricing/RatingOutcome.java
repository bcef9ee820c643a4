package dev.tollgate.core.pricing;

/**
 * The outcome of {@link Rater#rate}: a {@link Rating}, or a {@link Rejection}. Rating itself
 * implements this interface, rather than being wrapped, so that the hot path allocates one object.
 */
public sealed interface RatingOutcome permits Rating, Rejection {}
