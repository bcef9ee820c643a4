/** Tollgate's pure domain: every rule that decides money lives here, free of frameworks. */
package dev.tollgate.core;
