/**
 * Credit: grants, their derived status, and the pure deduction engine that decides which credit
 * pays for a rated charge. See README.md in this package for the rules.
 */
package dev.tollgate.core.credit;
