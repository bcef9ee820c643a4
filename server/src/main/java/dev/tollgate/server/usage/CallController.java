package dev.tollgate.server.usage;

import dev.tollgate.core.keys.ApiKeyFormat;
import dev.tollgate.server.http.ApiException;
import dev.tollgate.server.http.HotRoutes;
import dev.tollgate.server.pricing.PriceCatalog;
import dev.tollgate.server.http.Problem;
import dev.tollgate.server.http.JsonBodies;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectReader;
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
  // Prepared once: the per-call reading skips Spring MVC's converter chain (JsonBodies).
  private final ObjectReader authorizeReader;
  private final ObjectReader settleReader;

  private final HotPathMetrics.Timers authorizeTimers;
  private final HotPathMetrics.Timers settleTimers;
  private final HotPathMetrics.Timers batchTimers;

  private final RefusalMemory refusals;

  CallController(CallPipelines pipelines, PriceCatalog catalog, InstantSource clock, JsonMapper json,
      MeterRegistry registry, RefusalMemory refusals) {
    this.refusals = refusals;
    this.pipelines = pipelines;
    this.catalog = catalog;
    this.clock = clock;
    this.json = json;
    this.authorizeReader = json.readerFor(AuthorizeBody.class);
    this.settleReader = json.readerFor(SettleBody.class);
    this.authorizeTimers = HotPathMetrics.Timers.of(registry, "authorize");
    this.settleTimers = HotPathMetrics.Timers.of(registry, "settle");
    this.batchTimers = HotPathMetrics.Timers.of(registry, "usage_batch");
  }

  @PostMapping(path = HotRoutes.AUTHORIZE, consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "May this call run? 200 with a hold, or 401/402/403/404/422/429 with a code",
      requestBody = @RequestBody(required = true, content = @Content(schema = @Schema(implementation = AuthorizeBody.class))),
      responses = @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AuthorizeResponse.class))))
  void authorize(HttpServletRequest request, HttpServletResponse response) throws IOException {
    long start = System.nanoTime();
    boolean answered = false;
    try {
      AuthorizeCommand command = JsonBodies.<AuthorizeBody>read(authorizeReader, request).check();
      refuseWithoutDatabase(command);
      Optional<CallAnswer.Refused> remembered = refusals.recall(command);
      if (remembered.isPresent()) {
        CallAnswer.Refused r = remembered.get();
        throw new ApiException(r.status(), r.code(), r.detail());
      }
      CallAnswers.write(CallAnswers.await(pipelines.authorize(command)), response);
      answered = true;
    } finally {
      authorizeTimers.record(start, answered);
    }
  }

  /**
   * Refusals that need no database are answered here, not behind the batch queue: a malformed key,
   * and a meter with no price in force (the catalogue is cached in memory).
   */
  private void refuseWithoutDatabase(AuthorizeCommand command) {
    if (command.apiKey() != null && ApiKeyFormat.prefixOf(command.apiKey()).isEmpty()) {
      throw new ApiException(HttpStatus.UNAUTHORIZED, "invalid_api_key", "the API key is not valid or was deleted");
    }
    if (catalog.inForceAt(command.meter(), clock.instant()).isEmpty()) {
      throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "price_missing",
          "meter '" + command.meter() + "' has no price; it cannot be used");
    }
  }

  @PostMapping(path = HotRoutes.SETTLE, consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Report a finished call: rate, burn credit in order, record; idempotent by requestId",
      requestBody = @RequestBody(required = true, content = @Content(schema = @Schema(implementation = SettleBody.class))),
      responses = @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SettleResponse.class))))
  void settle(HttpServletRequest request, HttpServletResponse response) throws IOException {
    long start = System.nanoTime();
    boolean answered = false;
    try {
      SettleBody body = JsonBodies.read(settleReader, request);
      CallAnswers.write(CallAnswers.await(pipelines.settle(body.check(clock.instant()))), response);
      answered = true;
    } finally {
      settleTimers.record(start, answered);
    }
  }

  record BatchBody(List<SettleBody> events) {}

  @PostMapping(HotRoutes.USAGE_BATCH)
  @Operation(summary = "Settle up to 1,000 events; one result per event, in order (a settle answer or a problem)")
  ResponseEntity<String> batch(@org.springframework.web.bind.annotation.RequestBody BatchBody body) {
    long start = System.nanoTime();
    ResponseEntity<String> answer = batchAnswer(body);
    batchTimers.record(start, true);
    return answer;
  }

  private ResponseEntity<String> batchAnswer(BatchBody body) {
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
