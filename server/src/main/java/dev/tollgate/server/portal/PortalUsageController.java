package dev.tollgate.server.portal;

import dev.tollgate.core.money.Nanos;
import dev.tollgate.server.accounts.Account;
import dev.tollgate.server.http.Page;
import dev.tollgate.server.usage.UsageLog;
import dev.tollgate.server.usage.UsageQuery;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Usage of the last {@link UsageQuery#SPAN_DEFAULT}: totals by day and by meter (the data of
 * {@code GET /v1/reports/usage}; a chart and the same numbers as a table), and the newest
 * records, {@link #RECORDS_PER_PAGE} at a time, keyset-paged.
 */
@Controller
@PortalPage
class PortalUsageController {
  static final int RECORDS_PER_PAGE = 50;

  private final PortalAccounts accounts;
  private final UsageLog usage;
  private final InstantSource clock;

  PortalUsageController(PortalAccounts accounts, UsageLog usage, InstantSource clock) {
    this.accounts = accounts;
    this.usage = usage;
    this.clock = clock;
  }

  record Line(String key, long calls, long failedCalls, long units, long inputTokens, long outputTokens, String amount) {
    static Line of(UsageLog.Group g) {
      return new Line(g.key(), g.calls(), g.failedCalls(), g.billableUnits(), g.inputTokens(), g.outputTokens(),
          g.amount());
    }
  }

  record Row(String requestId, String meter, String status, Instant occurredAt, long billableUnits, long inputTokens,
      long outputTokens, String amount, String postpaidAmount, String apiKeyId, String billingMode) {
    static Row of(UsageLog.Entry e) {
      return new Row(e.requestId(), e.meter(), e.status(), e.occurredAt(), e.billableUnits(), e.inputTokens(),
          e.outputTokens(), Nanos.format(e.amountNanos()), Nanos.format(e.postpaidNanos()), e.apiKeyId(),
          e.billingMode());
    }
  }

  @GetMapping("/portal/usage")
  String usage(@RequestAttribute(PortalSession.ATTRIBUTE) PortalSession session,
      @RequestParam(required = false) String cursor, Model model) {
    Account account = accounts.of(session);
    Instant now = clock.instant();
    UsageQuery q = UsageQuery.of(account.rootId(), account.id(), null, null, null, null, now);
    Page.InstantKey after = Page.decodeInstantKey(cursor);
    List<UsageLog.Entry> rows = usage.page(q, after == null ? null : new UsageLog.After(after.at(), after.id()),
        RECORDS_PER_PAGE + 1);
    Page<UsageLog.Entry> page = Page.of(rows, RECORDS_PER_PAGE, e -> Page.InstantKey.of(e.occurredAt(), e.id()));
    model.addAttribute("from", q.from());
    model.addAttribute("to", q.toExclusive());
    model.addAttribute("byDay", usage.report(q, "day", account.timezone()).stream().map(Line::of).toList());
    model.addAttribute("byMeter", usage.report(q, "meter", account.timezone()).stream().map(Line::of).toList());
    model.addAttribute("records", page.items().stream().map(Row::of).toList());
    model.addAttribute("nextCursor", page.nextCursor());
    model.addAttribute("paged", cursor != null);
    return "portal/usage";
  }
}
