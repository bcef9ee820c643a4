/**
 * Import of LiteLLM's public price list ({@code model_prices_and_context_window.json}) into price
 * versions. Core parses no JSON: the caller hands over the parsed map. Rules in ../README.md.
 */
package dev.tollgate.core.pricing.litellm;
