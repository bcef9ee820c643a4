/**
 * Exact money: amounts are {@code long} nano-units of a currency or credit unit. See {@link
 * dev.tollgate.core.money.Nanos}.
 */
package dev.tollgate.core.money;
