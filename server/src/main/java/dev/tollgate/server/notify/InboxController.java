package dev.tollgate.server.notify;

import dev.tollgate.server.accounts.AccountCommands;
import dev.tollgate.server.accounts.AccountStore;
import dev.tollgate.server.http.Page;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RestController
@io.swagger.v3.oas.annotations.tags.Tag(name = "Notifications")
class InboxController {
  private final InboxStore store;
  private final AccountStore accounts;
  private final JsonMapper json;
  private final InstantSource clock;

  InboxController(InboxStore store, AccountStore accounts, JsonMapper json, InstantSource clock) {
    this.store = store;
    this.accounts = accounts;
    this.json = json;
    this.clock = clock;
  }

  record InboxView(String id, String kind, JsonNode data, Instant occurredAt, Instant createdAt, Instant readAt) {}

  @GetMapping("/v1/accounts/{id}/inbox")
  @Operation(summary = "An account's in-app notices, newest first; unread=true for unread ones only")
  Page<InboxView> list(
      @PathVariable String id,
      @RequestParam(required = false) Boolean unread,
      @RequestParam(required = false) String cursor,
      @RequestParam(required = false) Integer limit) {
    accounts.find(id).orElseThrow(() -> AccountCommands.accountNotFound(id));
    int size = Page.size(limit);
    List<InboxStore.InboxNotice> rows = store.list(id, unread != null && unread, DeliveryController.cursorId(cursor), size + 1);
    Page<InboxStore.InboxNotice> page = Page.of(rows, size, n -> Long.toString(n.noticeId()));
    return new Page<>(page.items().stream()
        .map(n -> new InboxView(Long.toString(n.noticeId()), n.kind(), json.readTree(n.payloadJson()), n.occurredAt(),
            n.createdAt(), n.readAt()))
        .toList(), page.nextCursor());
  }

  @PostMapping("/v1/accounts/{id}/inbox/{noticeId}/read")
  @Operation(summary = "Mark a notice read (again is harmless: the first read time stays)")
  InboxView read(@PathVariable String id, @PathVariable String noticeId) {
    accounts.find(id).orElseThrow(() -> AccountCommands.accountNotFound(id));
    long notice;
    try {
      notice = Long.parseLong(noticeId);
    } catch (NumberFormatException e) {
      throw NotificationRejection.NOTICE_NOT_FOUND.exception(null);
    }
    if (!store.markRead(id, notice, clock.instant())) {
      throw NotificationRejection.NOTICE_NOT_FOUND.exception(null);
    }
    return store.list(id, false, notice + 1, 1).stream()
        .map(n -> new InboxView(Long.toString(n.noticeId()), n.kind(), json.readTree(n.payloadJson()), n.occurredAt(),
            n.createdAt(), n.readAt()))
        .findFirst().orElseThrow();
  }
}
