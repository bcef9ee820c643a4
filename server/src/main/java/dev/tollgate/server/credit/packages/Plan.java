package dev.tollgate.server.credit.packages;

import dev.tollgate.core.credit.packages.PlanInterval;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A subscription plan (seed 003): an edition package (name, price, rank, validity = the interval,
 * monthly allowance = the period credit) and what only a plan has.
 *
 * @param discount a multiplier on usage prices, in (0, 1]; 1 is none
 */
record Plan(
    CatalogPackage pkg, String description, PlanInterval interval, BigDecimal discount, Instant createdAt,
    Instant updatedAt) {}
