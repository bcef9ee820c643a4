/** Prepaid packages as products: choosing the cheapest mix for expected usage. */
package dev.tollgate.core.credit.packages;
