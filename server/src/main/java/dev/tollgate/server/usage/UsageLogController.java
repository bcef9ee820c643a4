package dev.tollgate.server.usage;

import dev.tollgate.core.money.Nanos;
import dev.tollgate.server.accounts.Account;
import dev.tollgate.server.accounts.AccountCommands;
import dev.tollgate.server.accounts.AccountStore;
import dev.tollgate.server.http.ApiException;
import dev.tollgate.server.http.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The usage log (seed 002, 003) and its grouped reports. */
@RestController
@Tag(name = "Usage", description = "Usage logs with price snapshots, CSV export, and reports")
class UsageLogController {
  /** Rows of one CSV page; a larger export pages with the X-Next-Cursor header. */
  static final int CSV_ROWS_MAX = 10_000;

  private final UsageLog log;
  private final AccountStore accounts;
  private final InstantSource clock;
  private final JsonMapper json;

  UsageLogController(UsageLog log, AccountStore accounts, InstantSource clock, JsonMapper json) {
    this.log = log;
    this.accounts = accounts;
    this.clock = clock;
    this.json = json;
  }

  record Counts(long inputTokens, long outputTokens, long cacheReadTokens, long cacheWriteTokens, long reasoningTokens,
      long calls, long seconds, long units) {}

  record Item(String id, String requestId, String accountId, String apiKeyId, String meter, String status,
      String billingMode, Instant occurredAt, Instant recordedAt, String route, Long latencyMs, Counts usage,
      long billableUnits, String amount, String postpaidAmount, String currency, JsonNode charges, JsonNode snapshot) {}

  @GetMapping("/v1/usage")
  @Operation(summary = "Usage records, newest first, filtered by account, API key, meter and [from, to); format=csv exports")
  ResponseEntity<?> list(
      @RequestParam(required = false) String accountId, @RequestParam(required = false) String apiKeyId,
      @RequestParam(required = false) String meter, @RequestParam(required = false) Instant from,
      @RequestParam(required = false) Instant to, @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor, @RequestParam(defaultValue = "json") String format) {
    UsageQuery q = query(accountId, apiKeyId, meter, from, to);
    boolean csv = format.equals("csv");
    if (!csv && !format.equals("json")) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "format_invalid", "format is json or csv", "format");
    }
    int size = csv ? csvSize(limit) : Page.size(limit);
    List<UsageLog.Entry> rows = log.page(q, after(cursor), size + 1);
    Page<UsageLog.Entry> page = Page.of(rows, size, e -> Page.InstantKey.of(e.occurredAt(), e.id()));
    if (csv) {
      ResponseEntity.BodyBuilder ok = ResponseEntity.ok().contentType(new MediaType("text", "csv"));
      if (page.nextCursor() != null) {
        ok.header("X-Next-Cursor", page.nextCursor());
      }
      return ok.body(UsageCsv.write(page.items()));
    }
    return ResponseEntity.ok(new Page<>(page.items().stream().map(this::item).toList(), page.nextCursor()));
  }

  record Report(String groupBy, Instant from, Instant to, List<ReportLine> items) {}

  record ReportLine(String key, long calls, long failedCalls, long units, long inputTokens, long outputTokens,
      long cacheReadTokens, long cacheWriteTokens, String amount, String postpaidAmount) {}

  @GetMapping("/v1/reports/usage")
  @Operation(summary = "Usage totals grouped by day (in the account's time zone), meter or API key over [from, to)")
  Report report(
      @RequestParam(required = false) String accountId, @RequestParam(required = false) String apiKeyId,
      @RequestParam(required = false) String meter, @RequestParam(defaultValue = "day") String groupBy,
      @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to) {
    if (!List.of("day", "meter", "apiKey").contains(groupBy)) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "group_by_invalid", "groupBy is day, meter or apiKey", "groupBy");
    }
    UsageQuery q = query(accountId, apiKeyId, meter, from, to);
    List<ReportLine> lines = log.report(q, groupBy, zone(accountId)).stream().map(UsageLogController::line).toList();
    return new Report(groupBy, q.from(), q.toExclusive(), lines);
  }

  /** The three reports (day, meter, apiKey) of one window, from one scan; what the console charts. */
  List<Report> reports(String accountId, String apiKeyId, String meter, Instant from, Instant to) {
    UsageQuery q = query(accountId, apiKeyId, meter, from, to);
    return log.reportAll(q, zone(accountId)).entrySet().stream()
        .map(e -> new Report(e.getKey(), q.from(), q.toExclusive(), e.getValue().stream().map(UsageLogController::line).toList()))
        .toList();
  }

  private String zone(String accountId) {
    return accountId == null ? "UTC" : accounts.find(accountId).map(Account::timezone).orElse("UTC");
  }

  private static ReportLine line(UsageLog.Group g) {
    return new ReportLine(g.key(), g.calls(), g.failedCalls(), g.billableUnits(), g.inputTokens(),
        g.outputTokens(), g.cacheReadTokens(), g.cacheWriteTokens(), g.amount(), Nanos.format(g.postpaidNanos()));
  }

  UsageQuery query(String accountId, String apiKeyId, String meter, Instant from, Instant to) {
    String rootId = null;
    if (accountId != null) {
      rootId = accounts.find(accountId).orElseThrow(() -> AccountCommands.accountNotFound(accountId)).rootId();
    }
    return UsageQuery.of(rootId, accountId, apiKeyId, meter, from, to, clock.instant());
  }

  private static int csvSize(Integer limit) {
    if (limit == null) {
      return CSV_ROWS_MAX;
    }
    if (limit < 1 || limit > CSV_ROWS_MAX) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "limit_invalid", "a CSV page has 1 to " + CSV_ROWS_MAX + " rows", "limit");
    }
    return limit;
  }

  private static UsageLog.After after(String cursor) {
    Page.InstantKey key = Page.decodeInstantKey(cursor);
    return key == null ? null : new UsageLog.After(key.at(), key.id());
  }

  private Item item(UsageLog.Entry e) {
    JsonNode response = json.readTree(e.response());
    return new Item(e.id(), e.requestId(), e.accountId(), e.apiKeyId(), e.meter(), e.status(), e.billingMode(),
        e.occurredAt(), e.recordedAt(), e.route(), e.latencyMs(),
        new Counts(e.inputTokens(), e.outputTokens(), e.cacheReadTokens(), e.cacheWriteTokens(), e.reasoningTokens(),
            e.calls(), e.seconds(), e.units()),
        e.billableUnits(), Nanos.format(e.amountNanos()), Nanos.format(e.postpaidNanos()), e.currency(),
        response.get("charges"), e.snapshot() == null ? null : json.readTree(e.snapshot()));
  }
}
