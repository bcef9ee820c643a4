/** Accounts: roots, one level of sub-accounts, their currency, time zone and settings. */
package dev.tollgate.core.accounts;
