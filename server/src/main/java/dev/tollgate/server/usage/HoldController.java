package dev.tollgate.server.usage;

import dev.tollgate.server.http.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Hot path")
class HoldController {
  private final HoldStore holds;
  private final CallStore calls;
  private final InstantSource clock;

  HoldController(HoldStore holds, CallStore calls, InstantSource clock) {
    this.holds = holds;
    this.calls = calls;
    this.clock = clock;
  }

  record HoldView(String holdId, String status, Instant expiresAt) {}

  @PostMapping("/v1/holds/{id}/release")
  @Operation(summary = "Release a hold and its concurrency slot (a call that never ran); idempotent")
  @Transactional
  HoldView release(@PathVariable String id) {
    HoldStore.HoldRow hold = holds.byId(id).orElseThrow(() -> notFound(id));
    Instant now = clock.instant();
    holds.release(id, now);
    return new HoldView(id, "released", hold.expiresAt());
  }

  @PostMapping("/v1/holds/{id}/renew")
  @Operation(summary = "Extend a live hold by the hold timeout, for a long stream; 409 hold_not_live once released or expired")
  @Transactional
  HoldView renew(@PathVariable String id) {
    holds.byId(id).orElseThrow(() -> notFound(id));
    Instant now = clock.instant();
    Instant expiresAt = now.plus(Duration.ofMillis(calls.platform().holdTimeoutMs()));
    if (!holds.renew(id, now, expiresAt)) {
      throw ApiException.conflict("hold_not_live", "the hold was released or has expired");
    }
    return new HoldView(id, "live", expiresAt);
  }

  private static ApiException notFound(String id) {
    return ApiException.notFound("hold_not_found", "no hold with id '" + id + "'");
  }
}
