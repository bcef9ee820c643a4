package dev.tollgate.server.pricing;

import dev.tollgate.core.pricing.Fraction;
import dev.tollgate.core.money.Nanos;
import dev.tollgate.core.pricing.MonthlyTier;
import dev.tollgate.core.pricing.MonthlyTiers;
import dev.tollgate.core.pricing.PriceVersion;
import dev.tollgate.core.pricing.RateSnapshot;
import dev.tollgate.core.pricing.TierQuote;
import dev.tollgate.server.accounts.Account;
import dev.tollgate.server.accounts.AccountCommands;
import dev.tollgate.server.accounts.AccountStore;
import dev.tollgate.server.credit.packages.PlanDiscounts;
import dev.tollgate.server.http.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** List prices of hypothetical usage through {@link PriceCatalog}, as the hot path will rate it; nothing is recorded. */
@RestController
@Tag(name = "Prices")
class QuoteController {
  private final PriceCatalog catalog;
  private final AccountStore accounts;
  private final InstantSource clock;

  private final PlanDiscounts planDiscounts;

  QuoteController(PriceCatalog catalog, AccountStore accounts, PlanDiscounts planDiscounts, InstantSource clock) {
    this.planDiscounts = planDiscounts;
    this.catalog = catalog;
    this.accounts = accounts;
    this.clock = clock;
  }

  record QuoteBody(
      String meter, UsageBody usage, Long monthlyUnits, String accountId, String serviceTier, Instant occurredAt) {}

  record Line(String component, long quantity, String rate, String amount) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record UsageQuote(
      String amount, String currency, List<Line> breakdown, Instant priceEffectiveAt, String multiplier,
      List<String> unpricedTools) {}

  record Tier(int index, Long upTo, String unitPrice, String flatFee) {}

  record TierLineView(int index, long units, String unitPrice, String flatFee, String amount) {}

  record MonthlyQuote(String amount, String currency, Tier tier, List<TierLineView> lines, Instant priceEffectiveAt) {}

  @PostMapping("/v1/quote")
  @Operation(summary = "The list price of one call's usage, or of a month's postpaid units (monthlyUnits); nothing is recorded")
  Object quote(@RequestBody QuoteBody body) {
    if (body.meter() == null) {
      throw ApiException.missingField("meter");
    }
    if (body.usage() != null && body.monthlyUnits() != null) {
      throw PriceProblems.unprocessable("quote_ambiguous", "send either usage or monthlyUnits, not both", "monthlyUnits");
    }
    if (body.usage() == null && body.monthlyUnits() == null) {
      throw ApiException.missingField("usage");
    }
    Instant at = body.occurredAt() != null ? body.occurredAt() : clock.instant();
    try {
      return body.usage() != null ? usage(body, at) : monthly(body, at);
    } catch (ArithmeticException overflow) {
      // Rating throws rather than wrap; usage this large is a client's mistake, not our failure.
      throw PriceProblems.unprocessable("amount_out_of_range", "the amount of this usage overflows", null);
    }
  }

  private UsageQuote usage(QuoteBody body, Instant at) {
    String priceGroup = null;
    Fraction planDiscount = null;
    if (body.accountId() != null) {
      Account account = accounts.find(body.accountId()).orElseThrow(() -> AccountCommands.accountNotFound(body.accountId()));
      priceGroup = account.priceGroup();
      // Quoted as the call would be settled: with the discount of the plan in effect then.
      planDiscount = planDiscounts.inEffect(account.id(), at).orElse(null);
    }
    CatalogRating outcome = catalog.rate(body.meter(), at, body.usage().toUsage(), priceGroup, body.serviceTier(),
        planDiscount);
    if (outcome instanceof CatalogRating.Refused refused) {
      throw PriceProblems.unprocessable(refused.code(), refused.detail(), null);
    }
    CatalogRating.Rated rated = (CatalogRating.Rated) outcome;
    RateSnapshot snapshot = rated.snapshot();
    List<Line> lines = snapshot.components().stream()
        .map(c -> new Line(c.name(), c.quantity(), Nanos.format(c.rateNanos()), Nanos.format(c.amountNanos())))
        .toList();
    return new UsageQuote(
        Nanos.format(snapshot.totalNanos()), snapshot.currency(), lines, snapshot.priceEffectiveAt(),
        snapshot.multiplier().toString(), rated.unpricedTools().isEmpty() ? null : rated.unpricedTools());
  }

  private MonthlyQuote monthly(QuoteBody body, Instant at) {
    if (body.monthlyUnits() < 0) {
      throw PriceProblems.unprocessable("usage_negative", "monthlyUnits must not be negative", "monthlyUnits");
    }
    PriceVersion version = catalog.inForceAt(body.meter(), at).orElseThrow(() -> PriceProblems.unprocessable(
        "price_missing", "meter '" + body.meter() + "' has no price in force at " + at, "meter"));
    MonthlyTiers tiers = version.monthlyTiers().orElseThrow(() -> PriceProblems.unprocessable(
        "monthly_tiers_missing", "the price of meter '" + body.meter() + "' has no monthly tiers", "meter"));
    TierQuote quote = tiers.price(body.monthlyUnits());
    MonthlyTier reached = tiers.tiers().get(quote.tierIndex());
    Tier tier = new Tier(quote.tierIndex(), reached.unboundedAbove() ? null : reached.upToExclusive().getAsLong(),
        Nanos.format(quote.unitPriceNanos()), Nanos.format(quote.flatFeeNanos()));
    List<TierLineView> lines = tiers.lines(body.monthlyUnits()).stream()
        .map(l -> new TierLineView(l.tierIndex(), l.units(), Nanos.format(l.unitPriceNanos()),
            Nanos.format(l.flatFeeNanos()), Nanos.format(l.amountNanos())))
        .toList();
    return new MonthlyQuote(Nanos.format(quote.amountNanos()), version.currency(), tier, lines, version.effectiveAt());
  }
}
