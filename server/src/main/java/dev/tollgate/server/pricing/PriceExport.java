package dev.tollgate.server.pricing;

import java.time.Instant;
import java.util.List;

/**
 * Tollgate's own price format: every version of every meter, with tool prices, price groups and
 * service tiers. {@code GET /v1/prices:export} writes it and {@code POST
 * /v1/prices:import?format=tollgate} reads it back; versions round-trip equal.
 */
public record PriceExport(
    String format,
    Integer formatVersion,
    Instant exportedAt,
    List<PriceDocument> prices,
    List<ToolPriceView> tools,
    List<PriceGroupView> priceGroups,
    List<ServiceTierView> serviceTiers) {
  static final String FORMAT = "tollgate";
  static final int FORMAT_VERSION = 1;

  public record ToolPriceView(String name, String perCall) {}

  public record PriceGroupView(String id, String multiplier) {}

  public record ServiceTierView(String name, String multiplier) {}
}
