package dev.tollgate.server.audit;

import dev.tollgate.server.http.ApiException;
import dev.tollgate.server.http.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Audit", description = "Who changed what, and when")
class AuditController {
  /** Filters are exact values of stored columns, which are no longer than this. */
  static final int FILTER_LENGTH_MAX = 300;

  private final AuditStore store;

  AuditController(AuditStore store) {
    this.store = store;
  }

  @GetMapping("/v1/audit")
  @Operation(summary = "Operator changes, newest first; filter by actor, action, target and [from, to)")
  Page<AuditEvent> list(
      @RequestParam(required = false) String actor, @RequestParam(required = false) String action,
      @RequestParam(required = false) String target, @RequestParam(required = false) Instant from,
      @RequestParam(required = false) Instant to, @RequestParam(required = false) String cursor,
      @RequestParam(required = false) Integer limit) {
    int size = Page.size(limit);
    filter("actor", actor);
    filter("action", action);
    filter("target", target);
    if (from != null && to != null && !from.isBefore(to)) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "window_invalid", "from must be before to", "from");
    }
    Page.InstantKey after = Page.decodeInstantKey(cursor);
    List<AuditEvent> rows = store.list(actor, action, target, from, to,
        after == null ? null : after.at(), afterId(after), size + 1);
    return Page.of(rows, size, e -> Page.InstantKey.of(e.occurredAt(), Long.toString(e.id())));
  }

  /** The event id of a cursor this server issued (audit ids are numbers); null without a cursor. */
  static Long afterId(Page.InstantKey after) {
    if (after == null) {
      return null;
    }
    try {
      return Long.parseLong(after.id());
    } catch (NumberFormatException e) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "cursor_invalid", "the cursor is not one this server issued", "cursor");
    }
  }

  static void filter(String name, String value) {
    if (value != null && (value.isEmpty() || value.length() > FILTER_LENGTH_MAX)) {
      throw new ApiException(HttpStatus.BAD_REQUEST, name + "_invalid",
          "'" + name + "' is 1 to " + FILTER_LENGTH_MAX + " characters", name);
    }
  }
}
