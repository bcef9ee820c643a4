package dev.tollgate.server.pricing;

import dev.tollgate.server.console.ConsoleController;
import dev.tollgate.server.console.ConsoleInputs;
import dev.tollgate.server.http.ApiException;
import dev.tollgate.server.http.Page;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** The pricing editor: meters with the version in force, a version form, history, import and export. */
@ConsoleController
class ConsolePricingController {
  static final int PAGE_ROWS = 50;

  private final PriceCommands commands;
  private final PriceStore store;
  private final PriceController api;
  private final PriceImports imports;
  private final InstantSource clock;
  private final JsonMapper json;

  ConsolePricingController(PriceCommands commands, PriceStore store, PriceController api, PriceImports imports,
      InstantSource clock, JsonMapper json) {
    this.commands = commands;
    this.store = store;
    this.api = api;
    this.imports = imports;
    this.clock = clock;
    this.json = json;
  }

  /** The version form as typed; blanks are absent fields. */
  record Form(String meter, String mode, String currency, String effectiveAt, String inputPer1M, String outputPer1M,
      String cacheReadPer1M, String cacheWritePer1M, String perCall, String perSecond, String unitName, String perUnit) {
    static Form empty() {
      return new Form("", "token", "USD", "", "", "", "", "", "", "", "", "");
    }

    PriceDocument document() {
      return new PriceDocument(null, ConsoleInputs.instant(effectiveAt, "effectiveAt"), ConsoleInputs.text(mode),
          ConsoleInputs.text(currency), ConsoleInputs.text(inputPer1M), ConsoleInputs.text(outputPer1M),
          ConsoleInputs.text(cacheReadPer1M), ConsoleInputs.text(cacheWritePer1M), null, null, ConsoleInputs.text(perCall),
          ConsoleInputs.text(perSecond), ConsoleInputs.text(unitName), ConsoleInputs.text(perUnit), null, null, null);
    }
  }

  @GetMapping("/console/pricing")
  String list(@RequestParam(required = false) String cursor, Model model) {
    List<PriceStore.MeterRow> rows = store.meters(Page.decodeCursor(ConsoleInputs.text(cursor)), clock.instant(), PAGE_ROWS + 1);
    Page<PriceStore.MeterRow> page = Page.of(rows, PAGE_ROWS, PriceStore.MeterRow::meter);
    model.addAttribute("meters", page.items().stream()
        .map(r -> new MeterLine(r.meter(), r.current().map(PriceDocument::of).orElse(null))).toList());
    model.addAttribute("next", page.nextCursor() == null ? null : ConsoleInputs.link("/console/pricing", "cursor", page.nextCursor()));
    if (!model.containsAttribute("form")) {
      model.addAttribute("form", Form.empty());
    }
    model.addAttribute("modes", List.of("token", "call", "second", "unit", "free"));
    return "console/pricing";
  }

  record MeterLine(String meter, PriceDocument current) {}

  @PostMapping("/console/pricing")
  String put(Form form, Model model, RedirectAttributes redirect) {
    String meter = ConsoleInputs.text(form.meter());
    try {
      if (meter == null) {
        throw ApiException.missingField("meter");
      }
      PriceDocument saved = PriceDocument.of(commands.put(PriceDocumentReader.read(meter, form.document(), clock.instant())));
      redirect.addFlashAttribute("message", "Saved a " + saved.mode() + " price for " + meter + " effective " + saved.effectiveAt() + ".");
      return "redirect:/console/pricing";
    } catch (ApiException e) {
      model.addAttribute("error", e.getMessage());
      model.addAttribute("form", form);
      return list(null, model);
    }
  }

  @GetMapping("/console/pricing/meters/{*meter}")
  String history(@PathVariable String meter, Model model) {
    String name = meter.startsWith("/") ? meter.substring(1) : meter;
    Instant now = clock.instant();
    model.addAttribute("meter", name);
    model.addAttribute("now", now);
    model.addAttribute("versions", store.history(name).stream()
        .sorted(Comparator.comparing(dev.tollgate.core.pricing.PriceVersion::effectiveAt).reversed())
        .map(PriceDocument::of).toList());
    return "console/price-history";
  }

  @GetMapping("/console/pricing/export")
  ResponseEntity<String> export() {
    return ResponseEntity.ok()
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"tollgate-prices.json\"")
        .contentType(MediaType.APPLICATION_JSON)
        .body(json.writeValueAsString(imports.export()));
  }

  @PostMapping("/console/pricing/import")
  String importPrices(@RequestParam(required = false) String format, @RequestParam(required = false) String document,
      Model model, RedirectAttributes redirect) {
    try {
      if (ConsoleInputs.text(document) == null) {
        throw ApiException.missingField("document");
      }
      PriceController.ImportResult result = switch (format == null ? "" : format) {
        case "tollgate" -> api.importTollgate(json.readValue(document, PriceExport.class));
        case "litellm" -> api.importLiteLlm(json.readValue(document, MAP));
        default -> throw ApiException.invalidField("format", "format_invalid", "format is 'tollgate' or 'litellm'");
      };
      redirect.addFlashAttribute("message", "Imported " + result.imported() + " versions (" + result.unchanged()
          + " unchanged, " + result.skipped().size() + " skipped).");
      return "redirect:/console/pricing";
    } catch (ApiException e) {
      model.addAttribute("importError", e.getMessage());
    } catch (JacksonException e) {
      model.addAttribute("importError", "The document is not valid JSON of that format: " + e.getOriginalMessage());
    }
    model.addAttribute("importDocument", document);
    model.addAttribute("importFormat", format);
    return list(null, model);
  }

  private static final tools.jackson.core.type.TypeReference<Map<String, Object>> MAP = new tools.jackson.core.type.TypeReference<>() {};
}
