/**
 * Pricing (rating): versioned prices per meter, the pure function that rates one usage event, and
 * monthly tiers for postpaid units. The rules are in this package's README.md.
 */
package dev.tollgate.core.pricing;
