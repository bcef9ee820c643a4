package dev.tollgate.server.pricing;

import dev.tollgate.core.pricing.PriceLimits;
import java.util.regex.Pattern;

/**
 * Which meter names the server accepts. Meters appear in URL paths ({@code /v1/prices/{*meter}}),
 * and LiteLLM's names contain {@code /}, {@code :}, {@code @}, {@code .} and {@code *}
 * ({@code bedrock/*}{@code /1-month-commitment/cohere.command-text-v14}), so a name is one or more
 * segments of those characters joined by single slashes. Empty, {@code .} and {@code ..} segments
 * are refused: a URL path normalises them away, so such a meter could not be addressed.
 */
final class MeterName {
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_@*+][A-Za-z0-9._:@*+\\-]*");

  private MeterName() {}

  static boolean valid(String meter) {
    if (meter == null || meter.isEmpty() || meter.length() > PriceLimits.METER_LENGTH_MAX) {
      return false;
    }
    for (String segment : meter.split("/", -1)) {
      if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
        return false;
      }
    }
    return true;
  }

  static String requireValid(String meter) {
    if (!valid(meter)) {
      throw PriceProblems.unprocessable(
          "meter_invalid",
          "a meter is 1 to " + PriceLimits.METER_LENGTH_MAX
              + " characters: letters, digits and . _ : @ * + - in segments joined by single '/'",
          "meter");
    }
    return meter;
  }
}
