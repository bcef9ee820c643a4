package dev.tollgate.server.pricing;

import dev.tollgate.core.pricing.ContextTier;
import dev.tollgate.core.pricing.MonthlyTier;
import dev.tollgate.core.pricing.PriceMode;
import dev.tollgate.core.pricing.PriceVersion;
import dev.tollgate.core.pricing.TierMode;
import dev.tollgate.core.pricing.TokenRates;
import dev.tollgate.server.http.ApiException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Turns a {@link PriceDocument} from outside into a checked {@link PriceVersion}, refusing in this
 * order: {@code meter_invalid}, {@code meter_mismatch}, {@code mode_missing}, {@code mode_invalid},
 * {@code field_not_for_mode}, {@code missing_field}, {@code tier_mode_invalid}, amount format codes,
 * {@code effective_at_precision}, then the core's rejections (PriceRejection order).
 */
final class PriceDocumentReader {
  private PriceDocumentReader() {}

  /** Reads a version of {@code meter}; an absent {@code effectiveAt} takes {@code now}. */
  static PriceVersion read(String meter, PriceDocument doc, Instant now) {
    MeterName.requireValid(meter);
    if (doc.meter() != null && !doc.meter().equals(meter)) {
      throw PriceProblems.unprocessable("meter_mismatch", "the body names meter '" + doc.meter() + "', the path '" + meter + "'", "meter");
    }
    if (doc.mode() == null) {
      throw PriceProblems.unprocessable("mode_missing", "mode is one of token, call, second, unit, free", "mode");
    }
    PriceMode mode = Arrays.stream(PriceMode.values()).filter(m -> m.code().equals(doc.mode())).findFirst()
        .orElseThrow(() -> PriceProblems.unprocessable(
            "mode_invalid", "mode '" + doc.mode() + "' is not one of token, call, second, unit, free", "mode"));
    Map<String, Object> modeFields = modeFields(doc);
    for (Map.Entry<String, Object> field : modeFields.entrySet()) {
      if (field.getValue() != null && !belongsTo(field.getKey(), mode)) {
        throw PriceProblems.unprocessable(
            "field_not_for_mode", "the field '" + field.getKey() + "' does not belong to mode " + mode.code(), field.getKey());
      }
    }
    for (String required : required(mode)) {
      if (modeFields.get(required) == null) {
        throw ApiException.missingField(required);
      }
    }
    if (doc.tierMode() != null && doc.monthlyTiers() == null) {
      throw ApiException.missingField("monthlyTiers");
    }
    TierMode tierMode = null;
    if (doc.tierMode() != null) {
      tierMode = Arrays.stream(TierMode.values()).filter(t -> t.code().equals(doc.tierMode())).findFirst()
          .orElseThrow(() -> PriceProblems.unprocessable(
              "tier_mode_invalid", "tierMode '" + doc.tierMode() + "' is not volume or graduated", "tierMode"));
    }
    Instant effectiveAt = doc.effectiveAt() != null ? doc.effectiveAt() : now;
    if (!effectiveAt.truncatedTo(ChronoUnit.MICROS).equals(effectiveAt)) {
      throw PriceProblems.unprocessable(
          "effective_at_precision", "effectiveAt has at most microsecond precision", "effectiveAt");
    }
    String currency = doc.currency() != null ? doc.currency() : "USD";

    PriceVersion.Builder builder = PriceVersion.builder(meter, currency, effectiveAt);
    switch (mode) {
      case TOKEN -> builder.token(rates(doc.inputPer1M(), doc.outputPer1M(), doc.cacheReadPer1M(),
          doc.cacheWritePer1M(), doc.reasoningPer1M(), ""), contextTiers(doc.contextTiers()));
      case CALL -> builder.perCall(PriceProblems.amount(doc.perCall(), "perCall"));
      case SECOND -> builder.perSecond(PriceProblems.amount(doc.perSecond(), "perSecond"));
      case UNIT -> builder.perUnit(doc.unitName(), PriceProblems.amount(doc.perUnit(), "perUnit"));
      case FREE -> builder.free();
    }
    if (doc.monthlyTiers() != null) {
      builder.monthlyTiers(tierMode, monthlyTiers(doc.monthlyTiers()));
    }
    if (doc.concurrencyDefault() != null) {
      builder.concurrencyDefault(doc.concurrencyDefault());
    }
    return PriceProblems.valid(builder.build(), null);
  }

  private static Map<String, Object> modeFields(PriceDocument doc) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("inputPer1M", doc.inputPer1M());
    fields.put("outputPer1M", doc.outputPer1M());
    fields.put("cacheReadPer1M", doc.cacheReadPer1M());
    fields.put("cacheWritePer1M", doc.cacheWritePer1M());
    fields.put("reasoningPer1M", doc.reasoningPer1M());
    fields.put("contextTiers", doc.contextTiers());
    fields.put("perCall", doc.perCall());
    fields.put("perSecond", doc.perSecond());
    fields.put("unitName", doc.unitName());
    fields.put("perUnit", doc.perUnit());
    return fields;
  }

  private static boolean belongsTo(String field, PriceMode mode) {
    return switch (mode) {
      case TOKEN -> field.endsWith("Per1M") || field.equals("contextTiers");
      case CALL -> field.equals("perCall");
      case SECOND -> field.equals("perSecond");
      case UNIT -> field.equals("unitName") || field.equals("perUnit");
      case FREE -> false;
    };
  }

  private static List<String> required(PriceMode mode) {
    return switch (mode) {
      case TOKEN -> List.of("inputPer1M", "outputPer1M");
      case CALL -> List.of("perCall");
      case SECOND -> List.of("perSecond");
      case UNIT -> List.of("unitName", "perUnit");
      case FREE -> List.of();
    };
  }

  /** Absent cache rates take the input rate; an absent reasoning rate means the output rate. */
  private static TokenRates rates(
      String input, String output, String cacheRead, String cacheWrite, String reasoning, String prefix) {
    long inputNanos = PriceProblems.amount(input, prefix + "inputPer1M");
    long outputNanos = PriceProblems.amount(output, prefix + "outputPer1M");
    long cacheReadNanos = cacheRead == null ? inputNanos : PriceProblems.amount(cacheRead, prefix + "cacheReadPer1M");
    long cacheWriteNanos = cacheWrite == null ? inputNanos : PriceProblems.amount(cacheWrite, prefix + "cacheWritePer1M");
    TokenRates rates = TokenRates.of(inputNanos, outputNanos, cacheReadNanos, cacheWriteNanos);
    return reasoning == null ? rates : rates.withReasoningPer1MNanos(PriceProblems.amount(reasoning, prefix + "reasoningPer1M"));
  }

  private static List<ContextTier> contextTiers(List<PriceDocument.ContextTierDocument> docs) {
    if (docs == null) {
      return List.of();
    }
    List<ContextTier> tiers = new ArrayList<>(docs.size());
    for (int i = 0; i < docs.size(); i++) {
      PriceDocument.ContextTierDocument tier = docs.get(i);
      String prefix = "contextTiers[" + i + "].";
      if (tier == null || tier.aboveInputTokens() == null) {
        throw ApiException.missingField(prefix + "aboveInputTokens");
      }
      if (tier.inputPer1M() == null) {
        throw ApiException.missingField(prefix + "inputPer1M");
      }
      if (tier.outputPer1M() == null) {
        throw ApiException.missingField(prefix + "outputPer1M");
      }
      tiers.add(new ContextTier(tier.aboveInputTokens(), rates(tier.inputPer1M(), tier.outputPer1M(),
          tier.cacheReadPer1M(), tier.cacheWritePer1M(), tier.reasoningPer1M(), prefix)));
    }
    return tiers;
  }

  private static List<MonthlyTier> monthlyTiers(List<PriceDocument.MonthlyTierDocument> docs) {
    List<MonthlyTier> tiers = new ArrayList<>(docs.size());
    for (int i = 0; i < docs.size(); i++) {
      PriceDocument.MonthlyTierDocument tier = docs.get(i);
      String prefix = "monthlyTiers[" + i + "].";
      if (tier == null || tier.unitPrice() == null) {
        throw ApiException.missingField(prefix + "unitPrice");
      }
      long unitPrice = PriceProblems.amount(tier.unitPrice(), prefix + "unitPrice");
      long flatFee = tier.flatFee() == null ? 0 : PriceProblems.amount(tier.flatFee(), prefix + "flatFee");
      OptionalLong upTo = tier.upTo() == null ? OptionalLong.empty() : OptionalLong.of(tier.upTo());
      tiers.add(new MonthlyTier(upTo, unitPrice, flatFee));
    }
    return tiers;
  }
}
