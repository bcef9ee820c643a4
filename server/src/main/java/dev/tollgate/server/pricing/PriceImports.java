package dev.tollgate.server.pricing;

import dev.tollgate.core.money.Nanos;
import dev.tollgate.core.pricing.Fraction;
import dev.tollgate.core.pricing.PriceVersion;
import dev.tollgate.core.pricing.ToolPrices;
import dev.tollgate.server.http.ApiException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** Tollgate's own export format, written and read back whole. */
@Service
public class PriceImports {
  private final PriceCommands commands;
  private final PriceStore prices;
  private final MultiplierStore multipliers;
  private final InstantSource clock;

  public PriceImports(PriceCommands commands, PriceStore prices, MultiplierStore multipliers, InstantSource clock) {
    this.commands = commands;
    this.prices = prices;
    this.multipliers = multipliers;
    this.clock = clock;
  }

  /** One consistent snapshot of every table, so an export never mixes two states. */
  @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
  public PriceExport export() {
    List<PriceDocument> versions = prices.all().stream().map(PriceDocument::of).toList();
    List<PriceExport.ToolPriceView> tools = multipliers.tools().entrySet().stream()
        .map(e -> new PriceExport.ToolPriceView(e.getKey(), Nanos.format(e.getValue()))).toList();
    List<PriceExport.PriceGroupView> groups = multipliers.multipliers(MultiplierStore.Kind.PRICE_GROUP).entrySet()
        .stream().map(e -> new PriceExport.PriceGroupView(e.getKey(), e.getValue().toString())).toList();
    List<PriceExport.ServiceTierView> tiers = multipliers.multipliers(MultiplierStore.Kind.SERVICE_TIER).entrySet()
        .stream().map(e -> new PriceExport.ServiceTierView(e.getKey(), e.getValue().toString())).toList();
    return new PriceExport(PriceExport.FORMAT, PriceExport.FORMAT_VERSION, clock.instant(), versions, tools, groups, tiers);
  }

  /**
   * Checks every element first (a refusal names it, e.g. {@code prices[3].perCall}), then writes
   * all of it in one transaction: versions in one batch, then tools and multipliers.
   */
  @Transactional
  public PriceCommands.Imported importExport(PriceExport body) {
    if (body.format() != null && !PriceExport.FORMAT.equals(body.format())) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "format_invalid", "the body is not a Tollgate export", "format");
    }
    if (body.formatVersion() != null && body.formatVersion() != PriceExport.FORMAT_VERSION) {
      throw PriceProblems.unprocessable("format_version_unsupported",
          "this server reads format version " + PriceExport.FORMAT_VERSION, "formatVersion");
    }
    List<PriceVersion> versions = new ArrayList<>();
    List<PriceDocument> docs = body.prices() == null ? List.of() : body.prices();
    for (int i = 0; i < docs.size(); i++) {
      PriceDocument doc = docs.get(i);
      String at = "prices[" + i + "]";
      try {
        if (doc == null || doc.meter() == null) {
          throw ApiException.missingField("meter");
        }
        if (doc.effectiveAt() == null) {
          throw ApiException.missingField("effectiveAt");
        }
        versions.add(PriceDocumentReader.read(doc.meter(), doc, null));
      } catch (ApiException e) {
        throw new ApiException(e.status(), e.code(), at + ": " + e.getMessage(), e.field() == null ? at : at + "." + e.field());
      }
    }
    Map<String, Long> tools = new LinkedHashMap<>();
    List<PriceExport.ToolPriceView> toolViews = body.tools() == null ? List.of() : body.tools();
    for (int i = 0; i < toolViews.size(); i++) {
      PriceExport.ToolPriceView tool = toolViews.get(i);
      if (tool == null || tool.name() == null || tool.perCall() == null) {
        throw ApiException.missingField("tools[" + i + "]");
      }
      tools.put(tool.name(), PriceProblems.amount(tool.perCall(), "tools[" + i + "].perCall"));
    }
    PriceProblems.valid(ToolPrices.of(tools), "tools");
    Set<String> allTools = new HashSet<>(multipliers.tools().keySet());
    allTools.addAll(tools.keySet());
    PriceProblems.valid(ToolPrices.of(allTools.stream().collect(java.util.stream.Collectors.toMap(n -> n, n -> 0L))), "tools");
    Map<String, Fraction> groups = new LinkedHashMap<>();
    List<PriceExport.PriceGroupView> groupViews = body.priceGroups() == null ? List.of() : body.priceGroups();
    for (int i = 0; i < groupViews.size(); i++) {
      PriceExport.PriceGroupView group = groupViews.get(i);
      groups.put(name(group == null ? null : group.id(), "priceGroups[" + i + "].id"),
          PriceProblems.valid(Fraction.parse(group.multiplier()), "priceGroups[" + i + "].multiplier"));
    }
    Map<String, Fraction> tiers = new LinkedHashMap<>();
    List<PriceExport.ServiceTierView> tierViews = body.serviceTiers() == null ? List.of() : body.serviceTiers();
    for (int i = 0; i < tierViews.size(); i++) {
      PriceExport.ServiceTierView tier = tierViews.get(i);
      tiers.put(name(tier == null ? null : tier.name(), "serviceTiers[" + i + "].name"),
          PriceProblems.valid(Fraction.parse(tier.multiplier()), "serviceTiers[" + i + "].multiplier"));
    }

    PriceCommands.Imported done = commands.importVersions(versions);
    commands.importSettings(tools, groups, tiers);
    return done;
  }

  private static String name(String name, String field) {
    if (!PriceCommands.validName(name)) {
      throw PriceProblems.unprocessable("name_invalid", "'" + name + "' is not a valid name", field);
    }
    return name;
  }
}
