package dev.tollgate.server.notify;

import dev.tollgate.server.http.ApiException;
import dev.tollgate.server.http.Page;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@io.swagger.v3.oas.annotations.tags.Tag(name = "Notifications")
class DeliveryController {
  private static final Set<String> STATUSES = Set.of("pending", "sent", "failed", "dead");

  private final DeliveryStore store;
  private final InstantSource clock;

  DeliveryController(DeliveryStore store, InstantSource clock) {
    this.store = store;
    this.clock = clock;
  }

  record DeliveryView(
      String id, String noticeId, String kind, String accountId, String channel, String target, String status,
      int attempts, Instant nextAttemptAt, String lastError, Integer lastStatusCode, Instant createdAt,
      Instant updatedAt) {
    static DeliveryView of(Delivery d) {
      return new DeliveryView(
          Long.toString(d.id()), Long.toString(d.noticeId()), d.kind(), d.accountId(), d.channel(), d.target(),
          d.status(), d.attempts(), d.nextAttemptAt(), d.lastError(), d.lastStatusCode(), d.createdAt(), d.updatedAt());
    }
  }

  @GetMapping("/v1/notifications/deliveries")
  @Operation(summary = "The delivery log, newest first; filter by accountId and status (pending, sent, failed, dead)")
  Page<DeliveryView> list(
      @RequestParam(required = false) String accountId,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String cursor,
      @RequestParam(required = false) Integer limit) {
    if (status != null && !STATUSES.contains(status)) {
      throw NotificationRejection.STATUS_INVALID.exception("status");
    }
    int size = Page.size(limit);
    Long before = cursorId(cursor);
    List<Delivery> rows = store.list(accountId, status, before, size + 1);
    Page<Delivery> page = Page.of(rows, size, d -> Long.toString(d.id()));
    return new Page<>(page.items().stream().map(DeliveryView::of).toList(), page.nextCursor());
  }

  @PostMapping("/v1/notifications/deliveries/{id}/retry")
  @Operation(summary = "Send a failed or dead delivery again now, with a fresh retry schedule (409 delivery_not_retryable otherwise)")
  @Transactional
  DeliveryView retry(@PathVariable String id) {
    long deliveryId = parseId(id);
    Delivery d = store.lock(deliveryId).orElseThrow(() -> NotificationRejection.DELIVERY_NOT_FOUND.exception(null));
    if (!d.status().equals("failed") && !d.status().equals("dead")) {
      throw NotificationRejection.DELIVERY_NOT_RETRYABLE.exception(null);
    }
    store.requeue(deliveryId, clock.instant());
    return DeliveryView.of(store.lock(deliveryId).orElseThrow());
  }

  private static long parseId(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw NotificationRejection.DELIVERY_NOT_FOUND.exception(null);
    }
  }

  /** Cursors carry the last delivery id seen; anything else is not a cursor this server issued. */
  static Long cursorId(String cursor) {
    String decoded = Page.decodeCursor(cursor);
    if (decoded == null) {
      return null;
    }
    try {
      return Long.parseLong(decoded);
    } catch (NumberFormatException e) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "cursor_invalid", "the cursor is not one this server issued", "cursor");
    }
  }
}
