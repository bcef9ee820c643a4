package dev.tollgate.core.pricing;

import java.util.List;
import java.util.Objects;

/** What one call costs, by mode. A closed set: the rater handles each case exhaustively. */
public sealed interface PriceTerms
    permits PriceTerms.Token, PriceTerms.Call, PriceTerms.Second, PriceTerms.Unit, PriceTerms.Free {

  PriceMode mode();

  /** Per-token rates, with context tiers ordered by strictly increasing threshold. */
  record Token(TokenRates rates, List<ContextTier> contextTiers) implements PriceTerms {
    public Token {
      Objects.requireNonNull(rates, "rates");
      contextTiers = List.copyOf(contextTiers);
    }

    public static Token of(TokenRates rates) {
      return new Token(rates, List.of());
    }

    @Override
    public PriceMode mode() {
      return PriceMode.TOKEN;
    }

    /**
     * The index of the context tier that applies to a request of this input size, or -1 for the
     * base rates: the highest threshold strictly exceeded wins. An index loop over an immutable
     * list, so the hot path allocates no iterator.
     */
    public int contextTierIndexFor(long inputSizeTokens) {
      for (int i = contextTiers.size() - 1; i >= 0; i--) {
        if (inputSizeTokens > contextTiers.get(i).aboveInputTokens()) {
          return i;
        }
      }
      return -1;
    }

    /** The rates of a tier index from {@link #contextTierIndexFor}; -1 gives the base rates. */
    public TokenRates ratesAt(int contextTierIndex) {
      return contextTierIndex < 0 ? rates : contextTiers.get(contextTierIndex).rates();
    }
  }

  record Call(long perCallNanos) implements PriceTerms {
    @Override
    public PriceMode mode() {
      return PriceMode.CALL;
    }
  }

  record Second(long perSecondNanos) implements PriceTerms {
    @Override
    public PriceMode mode() {
      return PriceMode.SECOND;
    }
  }

  /** Per unit of something the meter counts: pictures, pages, minutes of video. */
  record Unit(String unitName, long perUnitNanos) implements PriceTerms {
    @Override
    public PriceMode mode() {
      return PriceMode.UNIT;
    }
  }

  /** Costs nothing; still a price, so the meter may be used (a meter with no price may not). */
  record Free() implements PriceTerms {
    @Override
    public PriceMode mode() {
      return PriceMode.FREE;
    }
  }
}
