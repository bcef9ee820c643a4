package dev.tollgate.core.pricing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The price of one usage event under one price version: the total, the billable units (what
 * unit-denominated grants burn) and the amounts per component.
 *
 * <p>Trade-off: the hot path stores the component amounts in fields, not in a list, so rating a
 * token call allocates this one object; {@link #components()} and {@link #snapshot()} build their
 * lists on demand, off the hot path (when the usage record is written). Equality is by value.
 */
public final class Rating implements RatingOutcome {
  static final long TOKENS_BASIS = 1_000_000L;

  private final PriceVersion version;
  private final Usage usage;
  private final Fraction multiplier;
  private final int contextTierIndex;
  private final long billableUnits;
  private final long inputNanos;
  private final long outputNanos;
  private final long cacheReadNanos;
  private final long cacheWriteNanos;
  private final long reasoningNanos;
  private final long modeQuantity;
  private final long modeNanos;
  private final List<RatedComponent> toolComponents;
  private final long totalNanos;

  Rating(
      PriceVersion version,
      Usage usage,
      Fraction multiplier,
      int contextTierIndex,
      long billableUnits,
      long inputNanos,
      long outputNanos,
      long cacheReadNanos,
      long cacheWriteNanos,
      long reasoningNanos,
      long modeQuantity,
      long modeNanos,
      List<RatedComponent> toolComponents,
      long totalNanos) {
    this.version = version;
    this.usage = usage;
    this.multiplier = multiplier;
    this.contextTierIndex = contextTierIndex;
    this.billableUnits = billableUnits;
    this.inputNanos = inputNanos;
    this.outputNanos = outputNanos;
    this.cacheReadNanos = cacheReadNanos;
    this.cacheWriteNanos = cacheWriteNanos;
    this.reasoningNanos = reasoningNanos;
    this.modeQuantity = modeQuantity;
    this.modeNanos = modeNanos;
    this.toolComponents = toolComponents;
    this.totalNanos = totalNanos;
  }

  public PriceVersion version() {
    return version;
  }

  public Usage usage() {
    return usage;
  }

  public Fraction multiplier() {
    return multiplier;
  }

  /** The context tier applied, as an index into the token price's tiers; -1 for the base rates. */
  public int contextTierIndex() {
    return contextTierIndex;
  }

  public OptionalLong contextTierAboveInputTokens() {
    if (contextTierIndex < 0) {
      return OptionalLong.empty();
    }
    PriceTerms.Token token = (PriceTerms.Token) version.terms();
    return OptionalLong.of(token.contextTiers().get(contextTierIndex).aboveInputTokens());
  }

  /**
   * The meter's units this call counts, which unit-denominated grants burn: all tokens (input,
   * output, cache read, cache write, reasoning) for token mode, calls (at least 1) for call and
   * free mode, seconds, or units.
   */
  public long billableUnits() {
    return billableUnits;
  }

  /** The exact sum of the components, in nanos of the version's currency. */
  public long totalNanos() {
    return totalNanos;
  }

  /** The breakdown, in a stable order: the mode's components, then tools by name. */
  public List<RatedComponent> components() {
    List<RatedComponent> components = new ArrayList<>(5 + toolComponents.size());
    PriceTerms terms = version.terms();
    if (terms instanceof PriceTerms.Token token) {
      TokenRates rates = token.ratesAt(contextTierIndex);
      components.add(tokens("input", usage.inputTokens(), rates.inputPer1MNanos(), inputNanos));
      components.add(tokens("output", usage.outputTokens(), rates.outputPer1MNanos(), outputNanos));
      components.add(
          tokens("cache_read", usage.cacheReadTokens(), rates.cacheReadPer1MNanos(), cacheReadNanos));
      components.add(
          tokens(
              "cache_write", usage.cacheWriteTokens(), rates.cacheWritePer1MNanos(), cacheWriteNanos));
      components.add(
          tokens(
              "reasoning",
              usage.reasoningTokens(),
              rates.reasoningEffectivePer1MNanos(),
              reasoningNanos));
    } else if (terms instanceof PriceTerms.Call call) {
      components.add(new RatedComponent("call", modeQuantity, call.perCallNanos(), 1, modeNanos));
    } else if (terms instanceof PriceTerms.Second second) {
      components.add(
          new RatedComponent("second", modeQuantity, second.perSecondNanos(), 1, modeNanos));
    } else if (terms instanceof PriceTerms.Unit unit) {
      components.add(new RatedComponent("unit", modeQuantity, unit.perUnitNanos(), 1, modeNanos));
    }
    components.addAll(toolComponents);
    return List.copyOf(components);
  }

  /** What the usage record keeps: see {@link RateSnapshot}. */
  public RateSnapshot snapshot() {
    return new RateSnapshot(
        version.meter(),
        version.currency(),
        version.effectiveAt(),
        version.mode(),
        contextTierAboveInputTokens(),
        multiplier,
        components(),
        billableUnits,
        totalNanos);
  }

  private static RatedComponent tokens(String name, long quantity, long rate, long amountNanos) {
    return new RatedComponent(name, quantity, rate, TOKENS_BASIS, amountNanos);
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof Rating that)) {
      return false;
    }
    return contextTierIndex == that.contextTierIndex
        && billableUnits == that.billableUnits
        && inputNanos == that.inputNanos
        && outputNanos == that.outputNanos
        && cacheReadNanos == that.cacheReadNanos
        && cacheWriteNanos == that.cacheWriteNanos
        && reasoningNanos == that.reasoningNanos
        && modeQuantity == that.modeQuantity
        && modeNanos == that.modeNanos
        && totalNanos == that.totalNanos
        && version.equals(that.version)
        && usage.equals(that.usage)
        && multiplier.equals(that.multiplier)
        && toolComponents.equals(that.toolComponents);
  }

  @Override
  public int hashCode() {
    return Objects.hash(version, usage, multiplier, contextTierIndex, totalNanos);
  }

  @Override
  public String toString() {
    return "Rating[" + version.meter() + " " + totalNanos + " nanos, components=" + components() + "]";
  }
}
