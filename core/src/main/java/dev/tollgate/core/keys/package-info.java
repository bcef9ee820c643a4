/** API keys: their format, hashing and the per-family limit. See README.md beside this file. */
package dev.tollgate.core.keys;
