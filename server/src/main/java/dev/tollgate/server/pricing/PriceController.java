package dev.tollgate.server.pricing;

import dev.tollgate.core.pricing.PriceVersion;
import dev.tollgate.core.pricing.litellm.LiteLlmImport;
import dev.tollgate.core.pricing.litellm.LiteLlmImportResult;
import dev.tollgate.core.pricing.litellm.SkippedEntry;
import dev.tollgate.server.http.ApiException;
import dev.tollgate.server.http.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Price versions per meter. Meter names may contain '/' (LiteLLM's {@code anthropic/claude-3}): the
 * path captures the rest of the URL ({@code {*meter}}), so send the slashes as they are. An encoded
 * slash ({@code %2F}) is refused by Tomcat before it reaches us (its default, which we keep: decoding
 * it would let two URLs name one meter).
 */
@RestController
@Tag(name = "Prices", description = "Versioned prices per meter, import and export")
class PriceController {
  private final PriceCommands commands;
  private final PriceImports imports;
  private final PriceStore store;
  private final InstantSource clock;

  PriceController(PriceCommands commands, PriceImports imports, PriceStore store, InstantSource clock) {
    this.commands = commands;
    this.imports = imports;
    this.store = store;
    this.clock = clock;
  }

  record MeterPrices(String meter, PriceDocument current, List<PriceDocument> history) {}

  record MeterCurrent(String meter, PriceDocument current) {}

  record ImportResult(int imported, int unchanged, List<SkippedEntry> skipped) {}

  @PutMapping("/v1/prices/{*meter}")
  @Operation(summary = "Add a price version effective at effectiveAt (default now); the same version again is"
      + " answered unchanged, another one at the same instant is 409 price_version_exists")
  PriceDocument put(@PathVariable String meter, @RequestBody PriceDocument body) {
    PriceVersion version = PriceDocumentReader.read(strip(meter), body, clock.instant());
    return PriceDocument.of(commands.put(version));
  }

  @GetMapping("/v1/prices/{*meter}")
  @Operation(summary = "A meter's version in force now and its history, newest first (404 price_missing)")
  MeterPrices get(@PathVariable String meter) {
    String name = strip(meter);
    List<PriceVersion> history = new ArrayList<>(store.history(name));
    if (history.isEmpty()) {
      throw ApiException.notFound("price_missing", "meter '" + name + "' has no price");
    }
    Instant now = clock.instant();
    PriceDocument current = history.stream().filter(v -> !v.effectiveAt().isAfter(now))
        .max(Comparator.comparing(PriceVersion::effectiveAt)).map(PriceDocument::of).orElse(null);
    history.sort(Comparator.comparing(PriceVersion::effectiveAt).reversed());
    return new MeterPrices(name, current, history.stream().map(PriceDocument::of).toList());
  }

  @GetMapping("/v1/prices")
  @Operation(summary = "Meters by name with their version in force now (null when only future versions exist)")
  Page<MeterCurrent> list(@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
    int size = Page.size(limit);
    List<PriceStore.MeterRow> rows = store.meters(Page.decodeCursor(cursor), clock.instant(), size + 1);
    Page<PriceStore.MeterRow> page = Page.of(rows, size, PriceStore.MeterRow::meter);
    return new Page<>(
        page.items().stream().map(r -> new MeterCurrent(r.meter(), r.current().map(PriceDocument::of).orElse(null))).toList(),
        page.nextCursor());
  }

  @PostMapping(path = "/v1/prices:import", params = "format=litellm")
  @Operation(summary = "Import LiteLLM's model_prices.json map as versions effective now (meters whose price"
      + " in force is the same are left alone, counted as unchanged); all or nothing."
      + " Body limit: TOLLGATE_IMPORT_BODY_BYTES_MAX (16 MiB)")
  ImportResult importLiteLlm(@RequestBody Map<String, Object> body) {
    Instant now = clock.instant();
    LiteLlmImportResult converted = LiteLlmImport.convert(body, now);
    List<PriceVersion> accepted = new ArrayList<>();
    List<SkippedEntry> skipped = new ArrayList<>(converted.skipped());
    for (PriceVersion version : converted.imported()) {
      if (MeterName.valid(version.meter())) {
        accepted.add(version);
      } else {
        skipped.add(new SkippedEntry(version.meter(), "the name cannot be a meter: it would not round-trip through a URL path"));
      }
    }
    PriceCommands.Imported done = commands.importList(accepted, now);
    return new ImportResult(done.inserted().size() + done.unchanged().size(), done.unchanged().size(), skipped);
  }

  @PostMapping(path = "/v1/prices:import", params = "format=tollgate")
  @Operation(summary = "Re-import an export (GET /v1/prices:export); all or nothing")
  ImportResult importTollgate(@RequestBody PriceExport body) {
    PriceCommands.Imported done = imports.importExport(body);
    return new ImportResult(done.inserted().size() + done.unchanged().size(), done.unchanged().size(), List.of());
  }

  @PostMapping("/v1/prices:import")
  @Operation(summary = "format is litellm or tollgate (400 format_invalid)")
  ImportResult importUnknown(@RequestParam(required = false) String format) {
    throw new ApiException(HttpStatus.BAD_REQUEST, "format_invalid",
        "format is 'litellm' or 'tollgate', not '" + format + "'", "format");
  }

  @GetMapping("/v1/prices:export")
  @Operation(summary = "Every version of every meter, tool prices, price groups and service tiers")
  PriceExport export() {
    return imports.export();
  }

  /** {@code {*meter}} captures the leading slash. */
  private static String strip(String captured) {
    return captured.startsWith("/") ? captured.substring(1) : captured;
  }
}
