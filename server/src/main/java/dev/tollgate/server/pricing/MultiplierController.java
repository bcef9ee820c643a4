package dev.tollgate.server.pricing;

import dev.tollgate.core.money.Nanos;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tool prices (per call, never multiplied), price groups and service tiers (exact multipliers,
 * "0.8" or "4/5"). Each list is small and bounded, so it is answered whole.
 */
@RestController
@Tag(name = "Prices")
class MultiplierController {
  private final PriceCommands commands;
  private final MultiplierStore store;

  MultiplierController(PriceCommands commands, MultiplierStore store) {
    this.commands = commands;
    this.store = store;
  }

  record ToolBody(String perCall) {}

  record MultiplierBody(String multiplier) {}

  record Items<T>(List<T> items) {}

  @PutMapping("/v1/tools/{name}")
  @Operation(summary = "Price a tool per call (0 = free); unpriced tools are recorded but not charged")
  PriceExport.ToolPriceView putTool(@PathVariable String name, @RequestBody ToolBody body) {
    commands.putTool(name, body.perCall());
    return new PriceExport.ToolPriceView(name, Nanos.format(store.tools().get(name)));
  }

  @GetMapping("/v1/tools")
  @Operation(summary = "Every priced tool")
  Items<PriceExport.ToolPriceView> tools() {
    return new Items<>(store.tools().entrySet().stream()
        .map(e -> new PriceExport.ToolPriceView(e.getKey(), Nanos.format(e.getValue()))).toList());
  }

  @PutMapping("/v1/price-groups/{id}")
  @Operation(summary = "Set a price group's multiplier (\"0.8\" or \"4/5\"); accounts join one via settings.priceGroup")
  PriceExport.PriceGroupView putGroup(@PathVariable String id, @RequestBody MultiplierBody body) {
    return new PriceExport.PriceGroupView(
        id, commands.putMultiplier(MultiplierStore.Kind.PRICE_GROUP, id, body.multiplier()).toString());
  }

  @GetMapping("/v1/price-groups")
  @Operation(summary = "Every price group")
  Items<PriceExport.PriceGroupView> groups() {
    return new Items<>(store.multipliers(MultiplierStore.Kind.PRICE_GROUP).entrySet().stream()
        .map(e -> new PriceExport.PriceGroupView(e.getKey(), e.getValue().toString())).toList());
  }

  @PutMapping("/v1/service-tiers/{name}")
  @Operation(summary = "Set a service tier's multiplier (flex \"1/2\", priority \"2\")")
  PriceExport.ServiceTierView putTier(@PathVariable String name, @RequestBody MultiplierBody body) {
    return new PriceExport.ServiceTierView(
        name, commands.putMultiplier(MultiplierStore.Kind.SERVICE_TIER, name, body.multiplier()).toString());
  }

  @GetMapping("/v1/service-tiers")
  @Operation(summary = "Every service tier")
  Items<PriceExport.ServiceTierView> tiers() {
    return new Items<>(store.multipliers(MultiplierStore.Kind.SERVICE_TIER).entrySet().stream()
        .map(e -> new PriceExport.ServiceTierView(e.getKey(), e.getValue().toString())).toList());
  }
}
