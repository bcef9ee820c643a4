/**
 * Monthly bills: a month in an account's time zone, and the pure pricing of a month's postpaid
 * usage into bill lines, a precise total and a rounded one. See README.md in this package.
 */
package dev.tollgate.core.billing;
