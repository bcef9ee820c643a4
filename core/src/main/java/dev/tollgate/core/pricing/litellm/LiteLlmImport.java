package dev.tollgate.core.pricing.litellm;

import dev.tollgate.core.pricing.ContextTier;
import dev.tollgate.core.pricing.PriceVersion;
import dev.tollgate.core.pricing.TokenRates;
import dev.tollgate.core.pricing.Validated;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts LiteLLM's price list (model name → entry, already parsed: numbers as {@link BigDecimal},
 * {@link Long} or {@link Integer}) into USD price versions effective at a given instant. Every entry
 * is either imported or skipped with a reason; nothing throws for a bad entry.
 *
 * <p>Rules, in order: the {@code sample_spec} documentation entry is skipped; an entry without any
 * price field ({@code *cost*}, {@code tiered_pricing}) is skipped; a supported price that is not an
 * exact non-negative number skips the entry; an entry whose prices are all 0 is free; input and
 * output per-token prices make a token price (cache read and write, reasoning and
 * {@code *_above_Nk_tokens} context tiers added when present); else per-second prices make a
 * second price, else {@code output_cost_per_image} a unit price ("image"), else
 * {@code input_cost_per_request} a call price. Other price fields (batches, priority, flex, audio,
 * pixel, character, 1-hour cache…) are ignored next to a supported price, and skip the entry when
 * they are its only prices.
 */
public final class LiteLlmImport {
  public static final String CURRENCY = "USD";

  /** USD per token × 10¹⁵ = nanos per 1M tokens (10⁹ nanos per USD × 10⁶ tokens). */
  private static final int PER_TOKEN_TO_PER_1M_NANOS_SCALE = 15;
  /** USD per second, image or request × 10⁹ = nanos. */
  private static final int PER_ITEM_TO_NANOS_SCALE = 9;

  private static final String INPUT = "input_cost_per_token";
  private static final String OUTPUT = "output_cost_per_token";
  private static final String CACHE_READ = "cache_read_input_token_cost";
  private static final String CACHE_WRITE = "cache_creation_input_token_cost";
  private static final String REASONING = "output_cost_per_reasoning_token";
  private static final String INPUT_SECOND = "input_cost_per_second";
  private static final String OUTPUT_SECOND = "output_cost_per_second";
  private static final String OUTPUT_IMAGE = "output_cost_per_image";
  private static final String INPUT_REQUEST = "input_cost_per_request";
  private static final String TIERED_PRICING = "tiered_pricing";
  private static final List<String> SUPPORTED_PLAIN =
      List.of(
          INPUT, OUTPUT, CACHE_READ, CACHE_WRITE, REASONING, INPUT_SECOND, OUTPUT_SECOND,
          OUTPUT_IMAGE, INPUT_REQUEST);
  private static final Pattern ABOVE =
      Pattern.compile(
          "(input_cost_per_token|output_cost_per_token|cache_read_input_token_cost"
              + "|cache_creation_input_token_cost)_above_([0-9]{1,6})k_tokens");

  private LiteLlmImport() {}

  public static LiteLlmImportResult convert(Map<String, Object> entries, Instant effectiveAt) {
    Objects.requireNonNull(effectiveAt, "effectiveAt");
    List<PriceVersion> imported = new ArrayList<>();
    List<SkippedEntry> skipped = new ArrayList<>();
    for (Map.Entry<String, Object> entry : entries.entrySet()) {
      String meter = entry.getKey();
      Object converted = convertEntry(meter, entry.getValue(), effectiveAt);
      if (converted instanceof PriceVersion version) {
        imported.add(version);
      } else {
        skipped.add(new SkippedEntry(meter, (String) converted));
      }
    }
    return new LiteLlmImportResult(imported, skipped);
  }

  /** A {@link PriceVersion}, or the reason (a String) the entry is skipped. */
  private static Object convertEntry(String meter, Object value, Instant effectiveAt) {
    if ("sample_spec".equals(meter)) {
      return "documentation entry (sample_spec)";
    }
    if (!(value instanceof Map<?, ?> fields)) {
      return "entry is not an object";
    }
    List<String> priceFields = new ArrayList<>();
    for (Object key : fields.keySet()) {
      String name = String.valueOf(key);
      if (name.contains("cost") || name.equals(TIERED_PRICING)) {
        priceFields.add(name);
      }
    }
    if (priceFields.isEmpty()) {
      return "no price fields";
    }
    // Supported prices, checked before anything is decided from them.
    Map<String, BigDecimal> prices = new TreeMap<>();
    for (String name : priceFields) {
      if (SUPPORTED_PLAIN.contains(name) || ABOVE.matcher(name).matches()) {
        Object raw = fields.get(name);
        BigDecimal price = exactNumber(raw);
        if (price == null) {
          return "value is not a number: " + name + " = " + describe(raw);
        }
        if (price.signum() < 0) {
          return "negative price: " + name + " = " + price.toPlainString();
        }
        prices.put(name, price);
      }
    }
    boolean allZero = true;
    for (String name : priceFields) {
      allZero &= isZero(fields.get(name));
    }
    PriceVersion.Builder builder = PriceVersion.builder(meter, CURRENCY, effectiveAt);
    try {
      if (allZero) {
        builder.free();
      } else if (prices.containsKey(INPUT) && prices.containsKey(OUTPUT)) {
        builder.token(baseRates(prices), contextTiers(prices));
      } else if (prices.containsKey(INPUT_SECOND) || prices.containsKey(OUTPUT_SECOND)) {
        BigDecimal in = prices.getOrDefault(INPUT_SECOND, BigDecimal.ZERO);
        BigDecimal out = prices.getOrDefault(OUTPUT_SECOND, BigDecimal.ZERO);
        // One duration, one rate: LiteLLM repeats the same rate on both sides (whisper-1), and
        // adding them would double the price.
        if (in.signum() != 0 && out.signum() != 0 && in.compareTo(out) != 0) {
          return "priced per input second and per output second at different rates";
        }
        builder.perSecond(nanos(in.max(out), INPUT_SECOND));
      } else if (prices.containsKey(OUTPUT_IMAGE)) {
        builder.perUnit("image", nanos(prices.get(OUTPUT_IMAGE), OUTPUT_IMAGE));
      } else if (prices.containsKey(INPUT_REQUEST)) {
        builder.perCall(nanos(prices.get(INPUT_REQUEST), INPUT_REQUEST));
      } else if (prices.containsKey(INPUT)) {
        return "priced per input token but output_cost_per_token is missing (unknown, not free)";
      } else if (prices.containsKey(OUTPUT)) {
        return "priced per output token but input_cost_per_token is missing (unknown, not free)";
      } else {
        return unsupportedReason(priceFields);
      }
    } catch (ArithmeticException tooLarge) {
      return "price too large: " + tooLarge.getMessage();
    }
    Validated<PriceVersion> built = builder.build();
    if (built instanceof Validated.Invalid<PriceVersion> invalid) {
      return "rejected (" + invalid.rejection().code() + "): " + invalid.rejection().detail();
    }
    return ((Validated.Valid<PriceVersion>) built).value();
  }

  private static TokenRates baseRates(Map<String, BigDecimal> prices) {
    long input = per1M(prices.get(INPUT), INPUT);
    long output = per1M(prices.get(OUTPUT), OUTPUT);
    // A missing cache price means cached tokens cost what input tokens cost (LiteLLM does the same).
    long cacheRead = prices.containsKey(CACHE_READ) ? per1M(prices.get(CACHE_READ), CACHE_READ) : input;
    long cacheWrite =
        prices.containsKey(CACHE_WRITE) ? per1M(prices.get(CACHE_WRITE), CACHE_WRITE) : input;
    TokenRates rates = TokenRates.of(input, output, cacheRead, cacheWrite);
    return prices.containsKey(REASONING)
        ? rates.withReasoningPer1MNanos(per1M(prices.get(REASONING), REASONING))
        : rates;
  }

  /** One tier per distinct N of {@code *_above_Nk_tokens}; a rate the tier omits keeps the base rate. */
  private static List<ContextTier> contextTiers(Map<String, BigDecimal> prices) {
    TreeSet<Long> thresholds = new TreeSet<>();
    for (String name : prices.keySet()) {
      Matcher matcher = ABOVE.matcher(name);
      if (matcher.matches()) {
        thresholds.add(Long.parseLong(matcher.group(2)) * 1000);
      }
    }
    TokenRates base = baseRates(prices);
    List<ContextTier> tiers = new ArrayList<>();
    for (long above : thresholds) {
      String suffix = "_above_" + (above / 1000) + "k_tokens";
      TokenRates rates =
          new TokenRates(
              rateOr(prices, INPUT + suffix, base.inputPer1MNanos()),
              rateOr(prices, OUTPUT + suffix, base.outputPer1MNanos()),
              rateOr(prices, CACHE_READ + suffix, base.cacheReadPer1MNanos()),
              rateOr(prices, CACHE_WRITE + suffix, base.cacheWritePer1MNanos()),
              base.reasoningPer1MNanos());
      tiers.add(new ContextTier(above, rates));
    }
    return tiers;
  }

  private static long rateOr(Map<String, BigDecimal> prices, String name, long fallback) {
    BigDecimal price = prices.get(name);
    return price == null ? fallback : per1M(price, name);
  }

  /** USD per token → nanos per 1M tokens, rounded half-up to a nano (list prices are exact here). */
  private static long per1M(BigDecimal usdPerToken, String field) {
    return scaled(usdPerToken, PER_TOKEN_TO_PER_1M_NANOS_SCALE, field);
  }

  private static long nanos(BigDecimal usd, String field) {
    return scaled(usd, PER_ITEM_TO_NANOS_SCALE, field);
  }

  private static long scaled(BigDecimal value, int scale, String field) {
    BigInteger whole = value.movePointRight(scale).setScale(0, RoundingMode.HALF_UP).toBigIntegerExact();
    if (whole.bitLength() > 63) {
      throw new ArithmeticException(field + " = " + value.toPlainString());
    }
    return whole.longValue();
  }

  private static BigDecimal exactNumber(Object raw) {
    if (raw instanceof BigDecimal decimal) {
      return decimal;
    }
    if (raw instanceof Long || raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
      return BigDecimal.valueOf(((Number) raw).longValue());
    }
    if (raw instanceof BigInteger integer) {
      return new BigDecimal(integer);
    }
    // Doubles and strings are refused: a double has already lost the exact decimal price.
    return null;
  }

  private static boolean isZero(Object raw) {
    BigDecimal number = exactNumber(raw);
    if (number != null) {
      return number.signum() == 0;
    }
    if (raw instanceof Map<?, ?> map) {
      for (Object nested : map.values()) {
        if (!isZero(nested)) {
          return false;
        }
      }
      return true;
    }
    if (raw instanceof List<?> list) {
      for (Object nested : list) {
        if (!isZero(nested)) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  private static String describe(Object raw) {
    if (raw == null) {
      return "null";
    }
    if (raw instanceof String text) {
      return "\"" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "\"";
    }
    return raw.getClass().getSimpleName();
  }

  /** Why an entry priced only by fields Tollgate does not import is skipped, most telling first. */
  private static String unsupportedReason(List<String> priceFields) {
    String fields = String.join(", ", new TreeSet<>(priceFields));
    String what;
    if (contains(priceFields, "pixel")) {
      what = "priced per pixel, which Tollgate does not meter";
    } else if (contains(priceFields, "character")) {
      what = "priced per character, which Tollgate does not meter";
    } else if (contains(priceFields, TIERED_PRICING)) {
      what = "priced by tiered_pricing input ranges, which this importer does not convert";
    } else if (contains(priceFields, "video")) {
      what = "priced per second of video, which Tollgate does not meter";
    } else if (contains(priceFields, "audio")) {
      what = "priced per audio token or second, which Tollgate does not meter";
    } else if (contains(priceFields, "image")) {
      what = "priced per image or image token in fields this importer does not convert";
    } else if (contains(priceFields, "page")) {
      what = "priced per page, which Tollgate does not meter";
    } else if (contains(priceFields, "query")) {
      what = "priced per search query, which Tollgate does not meter";
    } else {
      what = "priced only by fields Tollgate does not import";
    }
    return what + " (" + fields + ")";
  }

  private static boolean contains(List<String> names, String part) {
    for (String name : names) {
      if (name.contains(part)) {
        return true;
      }
    }
    return false;
  }
}
