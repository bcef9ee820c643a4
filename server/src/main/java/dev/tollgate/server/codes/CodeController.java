package dev.tollgate.server.codes;

import dev.tollgate.core.money.Nanos;
import dev.tollgate.server.http.ApiException;
import dev.tollgate.server.http.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Redemption codes", description = "Codes granting balance, a plan or a package; redeemed by accounts")
class CodeController {
  static final Set<String> STATUSES = Set.of("active", "disabled", "expired", "exhausted", "deleted");
  /** One export holds at most this many codes: ten full batches; narrow by batchId beyond that. */
  static final int EXPORT_ROWS_MAX = 10 * CodeRequest.COUNT_MAX;
  static final int QUERY_LENGTH_MAX = 200;

  private final CodeCommands commands;
  private final CodeStore codes;
  private final Redemptions redemptions;
  private final InstantSource clock;

  CodeController(CodeCommands commands, CodeStore codes, Redemptions redemptions, InstantSource clock) {
    this.commands = commands;
    this.codes = codes;
    this.redemptions = redemptions;
    this.clock = clock;
  }

  record CreateBody(
      String kind, String amount, String currency, String planId, String packageId, Integer days, Integer count,
      Integer maxRedemptions, Integer perAccountLimit, Instant expiresAt, String description) {}

  record CreatedView(String batchId, List<String> codes, List<CodeView> items) {}

  record CodeView(
      String id, String batchId, String prefix, String kind, String amount, String currency, String planId,
      String packageId, Integer days, int maxRedemptions, int perAccountLimit, int redeemed, String status,
      Instant expiresAt, String description, Instant createdAt, Instant deletedAt) {
    static CodeView of(StoredCode c, Instant now) {
      return new CodeView(
          c.id(), c.batchId(), c.prefix() + "-…", c.kind(), c.amountNanos() == null ? null : Nanos.format(c.amountNanos()),
          c.currency(), c.planId(), c.packageId(), c.days(), c.maxRedemptions(), c.perAccountLimit(),
          c.redeemedCount(), c.status(now), c.expiresAt(), c.description(), c.createdAt(), c.deletedAt());
    }
  }

  @PostMapping("/v1/redemption-codes")
  @Operation(summary = "Create 1 to 1000 codes (201 {batchId, codes}); the codes appear in full in this response"
      + " only: only their hash is stored")
  ResponseEntity<CreatedView> create(@RequestBody CreateBody b) {
    Instant now = clock.instant();
    CodeRequest request = CodeRequest.check(
        b.kind(), b.amount(), b.currency(), b.planId(), b.packageId(), b.days(), b.count(), b.maxRedemptions(),
        b.perAccountLimit(), b.expiresAt(), b.description(), now);
    CodeCommands.Created created = commands.create(request);
    return ResponseEntity.status(HttpStatus.CREATED).body(new CreatedView(
        created.batchId(), created.codes(), created.stored().stream().map(c -> CodeView.of(c, now)).toList()));
  }

  @GetMapping("/v1/redemption-codes")
  @Operation(summary = "List codes oldest first; filter by batchId, status (active|disabled|expired|exhausted|deleted;"
      + " deleted ones only when asked) and q (a code's first group, a batch or code id, or words of the description)")
  Page<CodeView> list(
      @RequestParam(required = false) String batchId, @RequestParam(required = false) String status,
      @RequestParam(required = false) String q, @RequestParam(required = false) String cursor,
      @RequestParam(required = false) Integer limit) {
    int size = Page.size(limit);
    checkStatus(status);
    String query = checkQuery(q);
    Page.InstantKey after = Page.decodeInstantKey(cursor);
    Instant afterCreated = after == null ? null : after.at();
    String afterId = after == null ? null : after.id();
    Instant now = clock.instant();
    List<StoredCode> rows = codes.list(batchId, status, query, now, afterCreated, afterId, size + 1);
    Page<StoredCode> page = Page.of(rows, size, c -> Page.InstantKey.of(c.createdAt(), c.id()));
    return new Page<>(page.items().stream().map(c -> CodeView.of(c, now)).toList(), page.nextCursor());
  }

  @GetMapping(value = "/v1/redemption-codes:export", produces = "text/csv")
  @Operation(summary = "The codes as CSV (ids, prefix, status, uses; never the codes themselves: those exist in full"
      + " only in the creation response). At most 10000 rows (413 export_too_large: narrow by batchId)")
  ResponseEntity<String> export(
      @RequestParam(required = false) String batchId, @RequestParam(required = false) String status) {
    checkStatus(status);
    Instant now = clock.instant();
    List<StoredCode> rows = codes.list(batchId, status, null, now, null, null, EXPORT_ROWS_MAX + 1);
    if (rows.size() > EXPORT_ROWS_MAX) {
      throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "export_too_large",
          "an export holds at most " + EXPORT_ROWS_MAX + " codes; narrow it by batchId or status");
    }
    StringBuilder csv = new StringBuilder(
        "id,batchId,prefix,kind,amount,currency,planId,packageId,days,maxRedemptions,perAccountLimit,redeemed,"
            + "status,expiresAt,description,createdAt\n");
    for (StoredCode c : rows) {
      CodeView v = CodeView.of(c, now);
      csv.append(String.join(",", List.of(
          cell(v.id()), cell(v.batchId()), cell(c.prefix()), cell(v.kind()), cell(v.amount()), cell(v.currency()),
          cell(v.planId()), cell(v.packageId()), cell(v.days()), cell(v.maxRedemptions()), cell(v.perAccountLimit()),
          cell(v.redeemed()), cell(v.status()), cell(v.expiresAt()), cell(v.description()), cell(v.createdAt()))));
      csv.append('\n');
    }
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
        .header("Content-Disposition", "attachment; filename=\"redemption-codes.csv\"")
        .body(csv.toString());
  }

  /** RFC 4180 quoting, and a leading quote for cells a spreadsheet would run as a formula. */
  static String cell(Object value) {
    if (value == null) {
      return "";
    }
    String s = value.toString();
    if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
      s = "'" + s;
    }
    if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
      return "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }

  @GetMapping("/v1/redemption-codes/{id}")
  @Operation(summary = "One code (deleted ones too, with their status)")
  CodeView get(@PathVariable String id) {
    return CodeView.of(codes.find(id).orElseThrow(() -> CodeCommands.codeNotFound(id)), clock.instant());
  }

  record EnabledBody(Boolean enabled) {}

  @PatchMapping("/v1/redemption-codes/{id}")
  @Operation(summary = "Enable or disable a code ({enabled}); 404 code_not_found for a deleted one")
  CodeView patch(@PathVariable String id, @RequestBody EnabledBody body) {
    if (body.enabled() == null) {
      throw ApiException.missingField("enabled");
    }
    return CodeView.of(commands.setEnabled(id, body.enabled()), clock.instant());
  }

  @DeleteMapping("/v1/redemption-codes/{id}")
  @Operation(summary = "Delete a code (204): it can no longer be redeemed; its redemption history stays")
  ResponseEntity<Void> delete(@PathVariable String id) {
    commands.delete(id);
    return ResponseEntity.noContent().build();
  }

  record RedemptionView(String id, String codeId, String accountId, String kind, String amount, String currency,
      String entryId, Instant createdAt) {}

  @GetMapping("/v1/redemption-codes/{id}/redemptions")
  @Operation(summary = "Who redeemed a code, oldest first (deleted codes keep their history)")
  Page<RedemptionView> redemptions(
      @PathVariable String id, @RequestParam(required = false) String cursor,
      @RequestParam(required = false) Integer limit) {
    int size = Page.size(limit);
    codes.find(id).orElseThrow(() -> CodeCommands.codeNotFound(id));
    Page.InstantKey after = Page.decodeInstantKey(cursor);
    Instant afterCreated = after == null ? null : after.at();
    String afterId = after == null ? null : after.id();
    var rows = codes.redemptions(id, afterCreated, afterId, size + 1);
    Page<CodeStore.Redemption> page = Page.of(rows, size, r -> Page.InstantKey.of(r.createdAt(), r.id()));
    return new Page<>(page.items().stream().map(r -> new RedemptionView(
        r.id(), r.codeId(), r.accountId(), r.kind(), r.amountNanos() == null ? null : Nanos.format(r.amountNanos()),
        r.currency(), r.entryId(), r.createdAt())).toList(), page.nextCursor());
  }

  record RedeemBody(String code) {}

  record WalletView(String amount, String balance, String currency) {}

  @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
  record RedeemedView(String redemptionId, WalletView wallet, String purchaseId, List<String> grants) {}

  @PostMapping("/v1/accounts/{id}/redeem")
  @Operation(summary = "Redeem a code: 200 {redemptionId, wallet} (balance) or {redemptionId, purchaseId, grants}"
      + " (package, plan); 404 code_invalid, 409 code_disabled, 410"
      + " code_expired, 409 code_exhausted, 409 code_limit_reached, 422 code_not_for_mode, 404 package_not_found/plan_not_found,"
      + " 422 code_currency_mismatch; 429 too_many_attempts after 10 invalid codes in 10 minutes per account or address")
  RedeemedView redeem(@PathVariable String id, @RequestBody RedeemBody body, HttpServletRequest http) {
    Redemptions.Redeemed r = redemptions.redeem(id, body.code(), http.getRemoteAddr());
    if (r.purchaseId() != null) {
      return new RedeemedView(r.redemptionId(), null, r.purchaseId(), r.grantIds());
    }
    return new RedeemedView(r.redemptionId(),
        new WalletView(Nanos.format(r.amountNanos()), Nanos.format(r.walletNanos()), r.currency()), null, null);
  }

  private static void checkStatus(String status) {
    if (status != null && !STATUSES.contains(status)) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "status_invalid",
          "status is active, disabled, expired, exhausted or deleted", "status");
    }
  }

  private static String checkQuery(String q) {
    if (q == null || q.isBlank()) {
      return null;
    }
    if (q.length() > QUERY_LENGTH_MAX) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "query_too_long", "q has at most " + QUERY_LENGTH_MAX + " characters", "q");
    }
    return q.trim();
  }
}
