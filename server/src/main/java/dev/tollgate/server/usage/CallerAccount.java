package dev.tollgate.server.usage;

import dev.tollgate.core.accounts.BillingMode;
import dev.tollgate.core.accounts.AccountStatus;
import dev.tollgate.core.pricing.Fraction;

/**
 * What the hot path needs of an account besides its credit, read under the account's row lock,
 * with the platform's billing settings where the account has no override of its own.
 *
 * @param billingMode the account's override, else the platform's
 * @param prepaidAmountNanos the hold without an estimate: the account's override, else the platform's
 * @param holdTimeoutMs how long a hold lives before it expires (the platform's setting)
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
    long prepaidAmountNanos,
    long holdTimeoutMs,
    boolean contentModeration,
    boolean postpaidEnabled,
    boolean overdue,
    Fraction planDiscount) {}
