package dev.tollgate.server.pricing;

import dev.tollgate.core.pricing.Fraction;
import dev.tollgate.core.pricing.PriceLimits;
import dev.tollgate.core.pricing.PriceVersion;
import dev.tollgate.core.pricing.ToolPrices;
import dev.tollgate.server.http.ApiException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Price writes: each checks everything first, then changes state once, in one transaction that
 * also bumps {@code prices_revision}; after the commit this node's {@link PriceCatalog} is dropped.
 */
@Service
public class PriceCommands {
  /** Price groups and service tiers: plans and tiers a platform sells, with room. */
  static final int MULTIPLIERS_PER_KIND_MAX = 1_000;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

  private final PriceStore prices;
  private final MultiplierStore multipliers;
  private final PriceCatalog catalog;
  private final InstantSource clock;

  public PriceCommands(PriceStore prices, MultiplierStore multipliers, PriceCatalog catalog, InstantSource clock) {
    this.prices = prices;
    this.multipliers = multipliers;
    this.catalog = catalog;
    this.clock = clock;
  }

  /** Adds a version; the same version again returns it unchanged, another one at its instant is a conflict. */
  @Transactional
  public PriceVersion put(PriceVersion version) {
    if (prices.insertIfAbsent(version, clock.instant())) {
      changed();
      return version;
    }
    return sameAsStored(version);
  }

  /** What an import did: versions inserted, and versions that were already stored as given. */
  public record Imported(List<PriceVersion> inserted, List<PriceVersion> unchanged) {}

  /**
   * Adds many versions in one transaction with one batch insert: all or nothing. A version that
   * already exists equal is left as it is; one that exists different fails the whole import.
   */
  @Transactional
  public Imported importVersions(List<PriceVersion> versions) {
    List<PriceVersion> inserted = new ArrayList<>();
    List<PriceVersion> unchanged = new ArrayList<>();
    if (versions.isEmpty()) {
      return new Imported(inserted, unchanged);
    }
    boolean[] done = prices.insertAllIfAbsent(versions, clock.instant());
    for (int i = 0; i < done.length; i++) {
      if (done[i]) {
        inserted.add(versions.get(i));
      } else {
        unchanged.add(sameAsStored(versions.get(i)));
      }
    }
    if (!inserted.isEmpty()) {
      changed();
    }
    return new Imported(inserted, unchanged);
  }

  /**
   * Imports a converted price list effective at {@code at}: a meter whose version in force equals
   * the list's (all but effectiveAt) is left alone, so importing an unchanged list again adds
   * nothing; the rest go through {@link #importVersions}.
   */
  @Transactional
  public Imported importList(List<PriceVersion> versions, Instant at) {
    Map<String, PriceVersion> current = prices.inForceAt(versions.stream().map(PriceVersion::meter).toList(), at);
    List<PriceVersion> changed = new ArrayList<>();
    List<PriceVersion> unchanged = new ArrayList<>();
    for (PriceVersion version : versions) {
      PriceVersion inForce = current.get(version.meter());
      if (inForce != null && sameTerms(inForce, version)) {
        unchanged.add(inForce);
      } else {
        changed.add(version);
      }
    }
    Imported done = importVersions(changed);
    unchanged.addAll(done.unchanged());
    return new Imported(done.inserted(), unchanged);
  }

  private static boolean sameTerms(PriceVersion a, PriceVersion b) {
    return a.currency().equals(b.currency()) && a.terms().equals(b.terms())
        && a.monthlyTiers().equals(b.monthlyTiers()) && a.concurrencyDefault().equals(b.concurrencyDefault());
  }

  private PriceVersion sameAsStored(PriceVersion version) {
    PriceVersion stored = prices.find(version.meter(), version.effectiveAt()).orElseThrow();
    if (!stored.equals(version)) {
      // Thrown inside the transaction, so an import rolls back whatever it had inserted.
      throw ApiException.conflict("price_version_exists",
          "meter '" + version.meter() + "' already has another version effective at " + version.effectiveAt());
    }
    return stored;
  }

  @Transactional
  public void putTool(String name, String perCall) {
    if (perCall == null) {
      throw ApiException.missingField("perCall");
    }
    long nanos = PriceProblems.amount(perCall, "perCall");
    PriceProblems.valid(ToolPrices.of(Map.of(name, nanos)), "name");
    Map<String, Long> tools = multipliers.tools();
    if (!tools.containsKey(name) && tools.size() >= PriceLimits.TOOL_PRICES_MAX) {
      throw PriceProblems.unprocessable("too_many_tool_prices",
          "at most " + PriceLimits.TOOL_PRICES_MAX + " tools can be priced", "name");
    }
    multipliers.putTool(name, nanos, clock.instant());
    changed();
  }

  @Transactional
  public Fraction putMultiplier(MultiplierStore.Kind kind, String name, String multiplier) {
    if (!NAME.matcher(name).matches()) {
      throw PriceProblems.unprocessable("name_invalid",
          "a name is 1 to 64 letters, digits, '.', '_', ':' or '-', starting with a letter or digit", "name");
    }
    if (multiplier == null) {
      throw ApiException.missingField("multiplier");
    }
    Fraction fraction = PriceProblems.valid(Fraction.parse(multiplier), "multiplier");
    Map<String, Fraction> existing = multipliers.multipliers(kind);
    if (!existing.containsKey(name) && existing.size() >= MULTIPLIERS_PER_KIND_MAX) {
      throw PriceProblems.unprocessable("too_many_multipliers",
          "at most " + MULTIPLIERS_PER_KIND_MAX + " of these can exist", "name");
    }
    multipliers.putMultiplier(kind, name, fraction, clock.instant());
    changed();
    return fraction;
  }

  /** Re-imports tools and multipliers of an export, in the caller's transaction. */
  void importSettings(Map<String, Long> tools, Map<String, Fraction> groups, Map<String, Fraction> tiers) {
    Instant now = clock.instant();
    tools.forEach((name, nanos) -> multipliers.putTool(name, nanos, now));
    groups.forEach((name, f) -> multipliers.putMultiplier(MultiplierStore.Kind.PRICE_GROUP, name, f, now));
    tiers.forEach((name, f) -> multipliers.putMultiplier(MultiplierStore.Kind.SERVICE_TIER, name, f, now));
    if (!tools.isEmpty() || !groups.isEmpty() || !tiers.isEmpty()) {
      changed();
    }
  }

  static boolean validName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  private void changed() {
    prices.bumpRevision();
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          catalog.invalidate();
        }
      });
    } else {
      catalog.invalidate();
    }
  }
}
