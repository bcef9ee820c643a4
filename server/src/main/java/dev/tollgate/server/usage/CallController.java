package dev.tollgate.server.usage;

import dev.tollgate.core.keys.ApiKeyFormat;
import dev.tollgate.server.http.ApiException;
import dev.tollgate.server.pricing.PriceCatalog;
import dev.tollgate.server.http.Problem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** The hot path: what a gateway calls before and after every call. */
@RestController
@Tag(name = "Hot path", description = "Authorise before a call, settle after it")
class CallController {
  /** API.md: at most 1,000 events per usage batch. */
  static final int BATCH_EVENTS_MAX = 1000;

  private final CallPipelines pipelines;
  private final PriceCatalog catalog;
  private final InstantSource clock;
  private final JsonMapper json;

  CallController(CallPipelines pipelines, PriceCatalog catalog, InstantSource clock, JsonMapper json) {
    this.pipelines = pipelines;
    this.catalog = catalog;
    this.clock = clock;
    this.json = json;
  }

  @PostMapping("/v1/authorize")
  @Operation(summary = "May this call run? 200 with a hold, or 401/402/403/404/422/429 with a code")
  ResponseEntity<String> authorize(@RequestBody AuthorizeBody body) {
    AuthorizeCommand command = body.check();
    // Refusals that need no database are answered here, not behind the batch queue: a malformed
    // key, and a meter with no price in force (the catalogue is cached in memory).
    if (command.apiKey() != null && ApiKeyFormat.prefixOf(command.apiKey()).isEmpty()) {
      throw new ApiException(HttpStatus.UNAUTHORIZED, "invalid_api_key", "the API key is not valid or was deleted");
    }
    if (catalog.inForceAt(command.meter(), clock.instant()).isEmpty()) {
      throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "price_missing",
          "meter '" + command.meter() + "' has no price; it cannot be used");
    }
    return CallAnswers.toResponse(CallAnswers.await(pipelines.authorize(command)));
  }

  @PostMapping("/v1/settle")
  @Operation(summary = "Report a finished call: rate, burn credit in order, record; idempotent by requestId")
  ResponseEntity<String> settle(@RequestBody SettleBody body) {
    return CallAnswers.toResponse(CallAnswers.await(pipelines.settle(body.check(clock.instant()))));
  }

  record BatchBody(List<SettleBody> events) {}

  @PostMapping("/v1/usage:batch")
  @Operation(summary = "Settle up to 1,000 events; one result per event, in order (a settle answer or a problem)")
  ResponseEntity<String> batch(@RequestBody BatchBody body) {
    if (body.events() == null) {
      throw ApiException.missingField("events");
    }
    if (body.events().size() > BATCH_EVENTS_MAX) {
      throw ApiException.invalidField("events", "too_many_events", "at most " + BATCH_EVENTS_MAX + " events per batch");
    }
    var now = clock.instant();
    List<Object> pending = new ArrayList<>(body.events().size());
    for (int i = 0; i < body.events().size(); i++) {
      SettleBody event = body.events().get(i);
      try {
        if (event == null) {
          throw ApiException.invalidField("events[" + i + "]", "event_invalid", "an event is a settle object");
        }
        pending.add(pipelines.settle(event.check(now)));
      } catch (ApiException e) {
        pending.add(Problem.of(e.status(), e.code(), e.getMessage(), e.field()));
      }
    }
    StringBuilder out = new StringBuilder(64 + 256 * pending.size()).append("{\"results\":[");
    for (int i = 0; i < pending.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      Object p = pending.get(i);
      if (p instanceof Problem problem) {
        out.append(json.writeValueAsString(problem));
        continue;
      }
      @SuppressWarnings("unchecked")
      CallAnswer answer = CallAnswers.await((CompletableFuture<CallAnswer>) p);
      if (answer instanceof CallAnswer.Answered a) {
        out.append(a.json());
      } else {
        CallAnswer.Refused r = (CallAnswer.Refused) answer;
        out.append(json.writeValueAsString(Problem.of(r.status(), r.code(), r.detail())));
      }
    }
    out.append("]}");
    return ResponseEntity.status(HttpStatus.OK).contentType(MediaType.APPLICATION_JSON).body(out.toString());
  }
}
