package dev.tollgate.server.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends a notice as a signed JSON POST: {@code {"id","kind","accountId","occurredAt","data"}} with
 * {@code Tollgate-Event-Id} (the notice id, the same on every retry, so receivers dedupe) and
 * {@code Tollgate-Signature} (see {@link WebhookSignature}). A 2xx answer is success; anything
 * else, a redirect included, or no answer within {@link #TIMEOUT} is a failure to retry.
 */
@Component
class WebhookChannel {
  /** A receiver should acknowledge and work later; 5 s bounds how long a slow one holds a sender. */
  static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(TIMEOUT)
      .followRedirects(HttpClient.Redirect.NEVER)
      .build();
  private final NotificationSettingsStore settings;
  private final JsonMapper json;
  private final InstantSource clock;

  WebhookChannel(NotificationSettingsStore settings, JsonMapper json, InstantSource clock) {
    this.settings = settings;
    this.json = json;
    this.clock = clock;
  }

  String body(ClaimedDelivery d) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("id", Long.toString(d.noticeId()));
    event.put("kind", d.kind());
    event.put("accountId", d.accountId());
    event.put("occurredAt", d.occurredAt().toString());
    event.put("data", json.readTree(d.payloadJson()));
    return json.writeValueAsString(event);
  }

  AttemptResult send(ClaimedDelivery d) {
    String secret = settings.webhookSecret(d.accountId());
    if (secret == null) {
      // Never send unsigned: a receiver could not tell it from a forgery.
      return new AttemptResult.Failed(null, "no webhook signing secret is configured");
    }
    String body = body(d);
    HttpRequest request;
    try {
      request = HttpRequest.newBuilder(URI.create(d.target()))
          .timeout(TIMEOUT)
          .header("Content-Type", "application/json")
          .header(WebhookSignature.EVENT_ID_HEADER, Long.toString(d.noticeId()))
          .header(WebhookSignature.HEADER, WebhookSignature.header(secret, clock.instant().getEpochSecond(), body))
          .POST(HttpRequest.BodyPublishers.ofString(body))
          .build();
    } catch (IllegalArgumentException e) {
      return new AttemptResult.Failed(null, "invalid webhook URL: " + e.getMessage());
    }
    try {
      HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
      int code = response.statusCode();
      return code >= 200 && code < 300
          ? new AttemptResult.Sent(code)
          : new AttemptResult.Failed(code, "the receiver answered " + code);
    } catch (HttpTimeoutException e) {
      return new AttemptResult.Failed(null, "no answer within " + TIMEOUT.toSeconds() + " s");
    } catch (IOException e) {
      return new AttemptResult.Failed(null, e.getClass().getSimpleName() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new AttemptResult.Failed(null, "interrupted while sending");
    }
  }
}
