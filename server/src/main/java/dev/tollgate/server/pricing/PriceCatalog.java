package dev.tollgate.server.pricing;

import dev.tollgate.core.pricing.Fraction;
import dev.tollgate.core.pricing.PriceHistory;
import dev.tollgate.core.pricing.PriceVersion;
import dev.tollgate.core.pricing.Rater;
import dev.tollgate.core.pricing.Rating;
import dev.tollgate.core.pricing.RatingOutcome;
import dev.tollgate.core.pricing.Rejection;
import dev.tollgate.core.pricing.ToolPrices;
import dev.tollgate.core.pricing.Usage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Prices for the hot path: rates usage with the version in force when it occurred, from an
 * in-memory cache, calling the pure {@link Rater}.
 *
 * <p><b>Cache rule with several nodes on one database.</b> Every price write (versions, tools,
 * groups, tiers) bumps the single-row {@code prices_revision} counter in its own transaction. The
 * cache remembers the revision it was built from and re-reads the counter (one primary-key read)
 * at most once per {@link #REVISION_CHECK_INTERVAL}; when it differs the whole cache is dropped.
 * So a price written on another node takes effect here within that interval after its commit. A
 * write on this node invalidates the cache right after its commit, so it takes effect here at once.
 * We chose a revision counter over a per-meter TTL because one cheap read covers every meter, and
 * over reading the counter per request because the settle path should not pay a round trip per
 * event; one second is far below the granularity at which operators schedule price changes (they
 * set {@code effectiveAt} ahead for exactness).
 */
@Component
public class PriceCatalog {
  /** Bound on how late another node's price write is seen here. */
  static final Duration REVISION_CHECK_INTERVAL = Duration.ofSeconds(1);
  /** Meters whose histories are cached before the cache starts over; LiteLLM's list has ~3,000. */
  static final int METERS_CACHED_MAX = 20_000;

  private final PriceStore prices;
  private final MultiplierStore multipliers;
  private final AtomicLong generation = new AtomicLong();
  private volatile Cache cache;

  public PriceCatalog(PriceStore prices, MultiplierStore multipliers) {
    this.prices = prices;
    this.multipliers = multipliers;
  }

  /**
   * Rates {@code usage} of {@code meter} that occurred at {@code occurredAt}, with the multiplier of
   * the account's price group (null: none) times that of the service tier (null: none). Tools
   * without a price are left out of the rating and named in the answer (seed 003: only tools an
   * administrator enabled are billed), so the core's {@code tool_price_missing} cannot occur here.
   */
  public CatalogRating rate(String meter, Instant occurredAt, Usage usage, String priceGroup, String serviceTier) {
    return rate(meter, occurredAt, usage, priceGroup, serviceTier, null);
  }

  /**
   * As above, with a subscriber's plan discount (seed 003; null: none) composed into the
   * multiplier like a price group: exact, and not applied to tool calls.
   */
  public CatalogRating rate(
      String meter, Instant occurredAt, Usage usage, String priceGroup, String serviceTier, Fraction planDiscount) {
    Cache current = current();
    Optional<PriceVersion> version = current.history(meter, prices).inForceAt(occurredAt);
    if (version.isEmpty()) {
      return new CatalogRating.Refused("price_missing", "meter '" + meter + "' has no price in force at " + occurredAt);
    }
    Fraction multiplier = Fraction.ONE;
    if (priceGroup != null) {
      Fraction group = current.groups.get(priceGroup);
      if (group == null) {
        return new CatalogRating.Refused("price_group_not_found", "no price group '" + priceGroup + "'");
      }
      multiplier = multiplier.times(group);
    }
    if (serviceTier != null) {
      Fraction tier = current.tiers.get(serviceTier);
      if (tier == null) {
        return new CatalogRating.Refused("service_tier_not_found", "no service tier '" + serviceTier + "'");
      }
      multiplier = multiplier.times(tier);
    }
    if (planDiscount != null) {
      multiplier = multiplier.times(planDiscount);
    }
    List<String> unpriced = List.of();
    Usage priced = usage;
    if (!usage.tools().isEmpty()) {
      Map<String, Long> pricedTools = new HashMap<>();
      List<String> missing = new ArrayList<>();
      for (Map.Entry<String, Long> tool : usage.tools().entrySet()) {
        if (current.tools.perCallNanosOf(tool.getKey()) < 0) {
          missing.add(tool.getKey());
        } else {
          pricedTools.put(tool.getKey(), tool.getValue());
        }
      }
      if (!missing.isEmpty()) {
        unpriced = missing;
        priced = usage.withTools(pricedTools);
      }
    }
    RatingOutcome outcome = Rater.rate(version.get(), priced, multiplier, current.tools);
    if (outcome instanceof Rejection rejection) {
      return new CatalogRating.Refused(rejection.code(), rejection.detail());
    }
    return new CatalogRating.Rated((Rating) outcome, unpriced);
  }

  /** The version of {@code meter} in force at {@code at}, from the cache. */
  public Optional<PriceVersion> inForceAt(String meter, Instant at) {
    return current().history(meter, prices).inForceAt(at);
  }

  /** Whether a price group exists (accounts refuse an unknown one). */
  public boolean priceGroupExists(String id) {
    return current().groups.containsKey(id);
  }

  /** Drops the cache; called after a price write on this node commits. */
  void invalidate() {
    generation.incrementAndGet();
    cache = null;
  }

  private Cache current() {
    Cache c = cache;
    // A monotonic clock, not the business clock: the test clock may stand still, and this
    // interval is about staleness of a cache, not about when anything is billed.
    long now = System.nanoTime();
    long gen = generation.get();
    if (c != null && c.generation == gen && now - c.checkedAtNanos < REVISION_CHECK_INTERVAL.toNanos()) {
      return c;
    }
    long revision = prices.revision();
    if (c != null && c.generation == gen && c.revision == revision && c.histories.size() < METERS_CACHED_MAX) {
      c = new Cache(revision, gen, now, c.histories, c.tools, c.groups, c.tiers);
    } else {
      c = new Cache(revision, gen, now, new ConcurrentHashMap<>(),
          new ToolPrices(multipliers.tools()),
          Map.copyOf(multipliers.multipliers(MultiplierStore.Kind.PRICE_GROUP)),
          Map.copyOf(multipliers.multipliers(MultiplierStore.Kind.SERVICE_TIER)));
    }
    // Built under an older generation, a cache is still installed but refused by the next call,
    // so a racing reload cannot hide a local write that committed meanwhile.
    cache = c;
    return c;
  }

  private record Cache(
      long revision,
      long generation,
      long checkedAtNanos,
      ConcurrentHashMap<String, PriceHistory> histories,
      ToolPrices tools,
      Map<String, Fraction> groups,
      Map<String, Fraction> tiers) {

    /** The meter's history (empty when it has none), loaded once per cache with one query. */
    PriceHistory history(String meter, PriceStore prices) {
      PriceHistory history = histories.get(meter);
      if (history == null) {
        history = new PriceHistory(meter, prices.history(meter));
        PriceHistory raced = histories.putIfAbsent(meter, history);
        if (raced != null) {
          history = raced;
        }
      }
      return history;
    }
  }
}
