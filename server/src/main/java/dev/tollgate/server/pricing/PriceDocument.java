package dev.tollgate.server.pricing;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tollgate.core.money.Nanos;
import dev.tollgate.core.pricing.ContextTier;
import dev.tollgate.core.pricing.MonthlyTier;
import dev.tollgate.core.pricing.MonthlyTiers;
import dev.tollgate.core.pricing.PriceTerms;
import dev.tollgate.core.pricing.PriceVersion;
import dev.tollgate.core.pricing.TokenRates;
import java.time.Instant;
import java.util.List;

/**
 * A price version as JSON: the body of {@code PUT /v1/prices/{meter}}, its answer, an element of
 * {@code GET} and of the export, and the stored text. Amounts are decimal strings, counts JSON
 * integers. Only the fields of the version's mode are present; {@link PriceDocumentReader} turns
 * one back into a {@link PriceVersion}, and {@code read(of(v)) equals v} for every version.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PriceDocument(
    String meter,
    Instant effectiveAt,
    String mode,
    String currency,
    String inputPer1M,
    String outputPer1M,
    String cacheReadPer1M,
    String cacheWritePer1M,
    String reasoningPer1M,
    List<ContextTierDocument> contextTiers,
    String perCall,
    String perSecond,
    String unitName,
    String perUnit,
    String tierMode,
    List<MonthlyTierDocument> monthlyTiers,
    Integer concurrencyDefault) {

  /** Rates replacing all token rates above {@code aboveInputTokens} input tokens. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ContextTierDocument(
      Long aboveInputTokens,
      String inputPer1M,
      String outputPer1M,
      String cacheReadPer1M,
      String cacheWritePer1M,
      String reasoningPer1M) {}

  /** One monthly tier; {@code upTo} null is the unbounded last tier. Null is rendered here. */
  public record MonthlyTierDocument(Long upTo, String unitPrice, String flatFee) {}

  public static PriceDocument of(PriceVersion version) {
    String input = null;
    String output = null;
    String cacheRead = null;
    String cacheWrite = null;
    String reasoning = null;
    List<ContextTierDocument> contextTiers = null;
    String perCall = null;
    String perSecond = null;
    String unitName = null;
    String perUnit = null;
    PriceTerms terms = version.terms();
    if (terms instanceof PriceTerms.Token token) {
      TokenRates rates = token.rates();
      input = Nanos.format(rates.inputPer1MNanos());
      output = Nanos.format(rates.outputPer1MNanos());
      cacheRead = Nanos.format(rates.cacheReadPer1MNanos());
      cacheWrite = Nanos.format(rates.cacheWritePer1MNanos());
      reasoning = reasoning(rates);
      contextTiers = token.contextTiers().isEmpty() ? null : token.contextTiers().stream().map(PriceDocument::tier).toList();
    } else if (terms instanceof PriceTerms.Call call) {
      perCall = Nanos.format(call.perCallNanos());
    } else if (terms instanceof PriceTerms.Second second) {
      perSecond = Nanos.format(second.perSecondNanos());
    } else if (terms instanceof PriceTerms.Unit unit) {
      unitName = unit.unitName();
      perUnit = Nanos.format(unit.perUnitNanos());
    }
    String tierMode = null;
    List<MonthlyTierDocument> monthly = null;
    if (version.monthlyTiers().isPresent()) {
      MonthlyTiers tiers = version.monthlyTiers().get();
      tierMode = tiers.mode().code();
      monthly = tiers.tiers().stream().map(PriceDocument::monthly).toList();
    }
    return new PriceDocument(
        version.meter(), version.effectiveAt(), version.mode().code(), version.currency(), input, output,
        cacheRead, cacheWrite, reasoning, contextTiers, perCall, perSecond, unitName, perUnit, tierMode, monthly,
        version.concurrencyDefault().isPresent() ? version.concurrencyDefault().getAsInt() : null);
  }

  private static String reasoning(TokenRates rates) {
    return rates.reasoningPer1MNanos().isPresent() ? Nanos.format(rates.reasoningPer1MNanos().getAsLong()) : null;
  }

  private static ContextTierDocument tier(ContextTier tier) {
    TokenRates rates = tier.rates();
    return new ContextTierDocument(
        tier.aboveInputTokens(), Nanos.format(rates.inputPer1MNanos()), Nanos.format(rates.outputPer1MNanos()),
        Nanos.format(rates.cacheReadPer1MNanos()), Nanos.format(rates.cacheWritePer1MNanos()), reasoning(rates));
  }

  private static MonthlyTierDocument monthly(MonthlyTier tier) {
    return new MonthlyTierDocument(
        tier.unboundedAbove() ? null : tier.upToExclusive().getAsLong(),
        Nanos.format(tier.unitPriceNanos()),
        Nanos.format(tier.flatFeeNanos()));
  }
}
