package dev.tollgate.server.usage;

import dev.tollgate.core.accounts.BillingMode;
import dev.tollgate.core.accounts.AccountStatus;
import dev.tollgate.core.pricing.Fraction;

/**
 * What the hot path needs of an account besides its credit, read under the account's row lock.
 *
 * @param billingMode the account's override, or null for the platform's
 * @param prepaidAmountNanos the account's override of the hold without an estimate, or null
 * @param planDiscount the discount of the plan whose edition is in effect now (seed 003), or null
 * @param overdue whether the account has an overdue bill (authorise refuses it, seed 002)
 */
record CallerAccount(
    String id,
    String rootId,
    String currency,
    AccountStatus status,
    String priceGroup,
    BillingMode billingMode,
    Long prepaidAmountNanos,
    boolean contentModeration,
    boolean postpaidEnabled,
    boolean overdue,
    Fraction planDiscount) {}
