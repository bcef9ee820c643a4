package dev.tollgate.core.pricing.litellm;

/** An entry of the price list that was not imported, and why, in words an operator can act on. */
public record SkippedEntry(String meter, String reason) {}
