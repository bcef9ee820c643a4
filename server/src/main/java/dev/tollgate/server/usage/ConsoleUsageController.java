package dev.tollgate.server.usage;

import dev.tollgate.core.money.Nanos;
import dev.tollgate.server.console.ConsoleController;
import dev.tollgate.server.console.ConsoleInputs;
import dev.tollgate.server.http.ApiException;
import dev.tollgate.server.http.Page;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/** The console's usage log (50 calls a page, newest first) and its report charts. */
@ConsoleController
class ConsoleUsageController {
  static final int PAGE_ROWS = 50;

  private final UsageLog log;
  private final UsageLogController api;
  private final JsonMapper json;

  ConsoleUsageController(UsageLog log, UsageLogController api, JsonMapper json) {
    this.log = log;
    this.api = api;
    this.json = json;
  }

  /** The filter form as typed, so an error keeps the operator's input. */
  record Filters(String accountId, String apiKeyId, String meter, String from, String to) {}

  /** Times in the log read to the second, in UTC (the snapshot keeps the exact instant). */
  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  record Row(String id, String occurred, String accountId, String apiKeyId, String meter, String status,
      String billingMode, String route, Long latencyMs, long inputTokens, long outputTokens, long cacheReadTokens,
      long cacheWriteTokens, long billableUnits, String amount, String currency, String snapshot) {}

  @GetMapping("/console/usage")
  String usage(@RequestParam(required = false) String accountId, @RequestParam(required = false) String apiKeyId,
      @RequestParam(required = false) String meter, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String cursor, Model model) {
    Filters f = new Filters(accountId, apiKeyId, meter, from, to);
    model.addAttribute("f", f);
    model.addAttribute("rows", List.of());
    try {
      UsageQuery q = query(f);
      Page.InstantKey key = Page.decodeInstantKey(ConsoleInputs.text(cursor));
      List<UsageLog.Entry> entries = log.page(q, key == null ? null : new UsageLog.After(key.at(), key.id()), PAGE_ROWS + 1);
      Page<UsageLog.Entry> page = Page.of(entries, PAGE_ROWS, e -> Page.InstantKey.of(e.occurredAt(), e.id()));
      model.addAttribute("rows", page.items().stream().map(this::row).toList());
      if (page.nextCursor() != null) {
        model.addAttribute("next", ConsoleInputs.link("/console/usage", "accountId", accountId, "apiKeyId", apiKeyId,
            "meter", meter, "from", from, "to", to, "cursor", page.nextCursor()));
      }
    } catch (ApiException e) {
      model.addAttribute("error", e.getMessage());
    }
    return "console/usage";
  }

  /** One chart and the table it draws; {@code valueColumn} is the table column charted. */
  record Section(String title, String keyLabel, String tableId, int valueColumn, String chartLabel,
      UsageLogController.Report report) {}

  @GetMapping("/console/reports")
  String reports(@RequestParam(required = false) String accountId, @RequestParam(required = false) String apiKeyId,
      @RequestParam(required = false) String meter, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to, Model model) {
    Filters f = new Filters(accountId, apiKeyId, meter, from, to);
    model.addAttribute("f", f);
    try {
      String a = ConsoleInputs.text(accountId);
      String k = ConsoleInputs.text(apiKeyId);
      String m = ConsoleInputs.text(meter);
      Instant start = ConsoleInputs.instant(from, "from");
      Instant end = ConsoleInputs.instant(to, "to");
      List<UsageLogController.Report> reports = api.reports(a, k, m, start, end);
      model.addAttribute("sections", List.of(
          new Section("By day", "Day (account's time zone)", "day-table", 1, "Calls per day", reports.get(0)),
          new Section("By meter", "Meter", "meter-table", 5, "Cost per meter", reports.get(1)),
          new Section("By API key", "API key", "key-table", 5, "Cost per API key", reports.get(2))));
    } catch (ApiException e) {
      model.addAttribute("error", e.getMessage());
    }
    return "console/reports";
  }

  private UsageQuery query(Filters f) {
    return api.query(ConsoleInputs.text(f.accountId()), ConsoleInputs.text(f.apiKeyId()), ConsoleInputs.text(f.meter()),
        ConsoleInputs.instant(f.from(), "from"), ConsoleInputs.instant(f.to(), "to"));
  }

  private Row row(UsageLog.Entry e) {
    String snapshot = e.snapshot() == null ? null
        : json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(e.snapshot()));
    return new Row(e.id(), TIME.format(e.occurredAt()), e.accountId(), e.apiKeyId(), e.meter(), e.status(), e.billingMode(), e.route(),
        e.latencyMs(), e.inputTokens(), e.outputTokens(), e.cacheReadTokens(), e.cacheWriteTokens(), e.billableUnits(),
        Nanos.format(e.amountNanos()), e.currency(), snapshot);
  }
}
