/**
 * Ledger: append-only double-entry journal entries for every credit movement, their builders, and
 * balances derived from them. See README.md in this package for the account chart.
 */
package dev.tollgate.core.ledger;
