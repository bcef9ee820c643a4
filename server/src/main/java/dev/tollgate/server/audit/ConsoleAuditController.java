package dev.tollgate.server.audit;

import dev.tollgate.server.console.ConsoleController;
import dev.tollgate.server.console.ConsoleInputs;
import dev.tollgate.server.http.ApiException;
import dev.tollgate.server.http.Page;
import java.util.List;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit log in the console: who changed what and when, newest first, with the API's filters. */
@ConsoleController
class ConsoleAuditController {
  static final int PAGE_ROWS = 50;

  private final AuditStore store;

  ConsoleAuditController(AuditStore store) {
    this.store = store;
  }

  record Filters(String actor, String action, String target) {}

  @GetMapping("/console/audit")
  String audit(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
      @RequestParam(required = false) String target, @RequestParam(required = false) String cursor, Model model) {
    Filters f = new Filters(ConsoleInputs.text(actor), ConsoleInputs.text(action), ConsoleInputs.text(target));
    model.addAttribute("f", f);
    model.addAttribute("rows", List.of());
    try {
      AuditController.filter("actor", f.actor());
      AuditController.filter("action", f.action());
      AuditController.filter("target", f.target());
      Page.InstantKey key = Page.decodeInstantKey(ConsoleInputs.text(cursor));
      List<AuditEvent> events = store.list(f.actor(), f.action(), f.target(), null, null,
          key == null ? null : key.at(), AuditController.afterId(key), PAGE_ROWS + 1);
      Page<AuditEvent> page = Page.of(events, PAGE_ROWS, e -> Page.InstantKey.of(e.occurredAt(), Long.toString(e.id())));
      model.addAttribute("rows", page.items());
      if (page.nextCursor() != null) {
        model.addAttribute("next", ConsoleInputs.link("/console/audit", "actor", f.actor(), "action", f.action(),
            "target", f.target(), "cursor", page.nextCursor()));
      }
    } catch (ApiException e) {
      model.addAttribute("error", e.getMessage());
    }
    return "console/audit";
  }
}
