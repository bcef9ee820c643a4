package dev.tollgate.server.audit;

import dev.tollgate.server.http.HotRoutes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.InstantSource;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ContentCachingRequestWrapper;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Records every successful (2xx) change under {@code /v1}, {@code /console} and {@code /portal} in
 * {@code audit_events}, after the change committed. Reads, the hot path, the test clock and
 * read-only POSTs are skipped before anything is wrapped, so they pay one set lookup and no copy.
 */
public final class AuditFilter extends OncePerRequestFilter {
  private static final Logger log = LoggerFactory.getLogger(AuditFilter.class);
  /** Set by the console ({@code operator:<name>}, {@code admin}) and portal ({@code customer:<accountId>}). */
  public static final String ACTOR_ATTRIBUTE = "dev.tollgate.actor";
  /** The admin token authenticated the request (it names no person). */
  static final String ADMIN_TOKEN_ACTOR = "admin-token";
  /** Request bodies up to this size are kept in the details; a larger one (a price import) only by size. */
  static final int DETAILS_BODY_BYTES_MAX = 64 * 1024;

  /** Calls of the gateway, not operator changes: thousands a second, and the usage log records them. */
  static final Set<String> HOT_PATHS = HotRoutes.PATHS;
  /** POSTs that answer a question and change nothing. */
  static final Set<String> READ_ONLY_POSTS = Set.of("/v1/quote", "/v1/packages:advise", "/v1/api-keys:verify");
  static final Map<String, String> PROVIDER_PATHS = Map.of(
      "/v1/payments/stripe/webhook", "provider:stripe", "/v1/payments/epay/notify", "provider:epay");

  private final AuditStore store;
  private final InstantSource clock;
  private final JsonMapper json;

  AuditFilter(AuditStore store, InstantSource clock, JsonMapper json) {
    this.store = store;
    this.clock = clock;
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String method = request.getMethod();
    if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
      return true;
    }
    String path = request.getRequestURI();
    if (path.startsWith("/v1/")) {
      return HOT_PATHS.contains(path) || READ_ONLY_POSTS.contains(path)
          || path.startsWith("/v1/holds/") || path.startsWith("/v1/test/");
    }
    return !(path.startsWith("/console/") || path.startsWith("/portal/") || path.equals("/console") || path.equals("/portal"));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ContentCachingRequestWrapper cached = new ContentCachingRequestWrapper(request, DETAILS_BODY_BYTES_MAX);
    chain.doFilter(cached, response);
    int status = response.getStatus();
    // Pages answer a change they made with a redirect (post/redirect/get); a refused form is 4xx.
    boolean page = !request.getRequestURI().startsWith("/v1");
    boolean done = (status >= 200 && status <= 299) || (page && (status == 302 || status == 303));
    if (!done) {
      return;
    }
    try {
      store.append(event(cached, status));
    } catch (RuntimeException e) {
      // The change is committed; failing its answer now would invite a retry of a done change.
      log.error("could not record an audit event for {} {}", request.getMethod(), request.getRequestURI(), e);
    }
  }

  private AuditStore.NewEvent event(ContentCachingRequestWrapper request, int status) {
    String path = request.getRequestURI();
    Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
    String action = request.getMethod() + " " + (pattern != null ? pattern : path);
    ObjectNode details = json.createObjectNode();
    if (!request.getParameterMap().isEmpty()) {
      details.set("parameters", SecretRedaction.redact(request.getParameterMap()));
    }
    JsonNode body = body(request, details);
    if (body != null) {
      details.set("body", SecretRedaction.redact(body));
    }
    return new AuditStore.NewEvent(clock.instant(), actor(request, path), truncate(action, 300), request.getMethod(),
        path, target(request, body), status, json.writeValueAsString(details));
  }

  private JsonNode body(ContentCachingRequestWrapper request, ObjectNode details) {
    byte[] content = request.getContentAsByteArray();
    String type = request.getContentType();
    if (content.length == 0 || type == null || !type.toLowerCase(java.util.Locale.ROOT).contains("json")) {
      return null;
    }
    long declared = request.getContentLengthLong();
    if (content.length >= DETAILS_BODY_BYTES_MAX || declared > content.length) {
      details.put("bodyBytes", Math.max(declared, content.length));
      return null;
    }
    try {
      return json.readTree(content);
    } catch (RuntimeException e) {
      details.put("bodyBytes", content.length);
      return null;
    }
  }

  private static String actor(HttpServletRequest request, String path) {
    Object actor = request.getAttribute(ACTOR_ATTRIBUTE);
    if (actor instanceof String s && !s.isBlank()) {
      return truncate(s, 200);
    }
    String provider = PROVIDER_PATHS.get(path);
    if (provider != null) {
      return provider;
    }
    return path.startsWith("/v1/") ? ADMIN_TOKEN_ACTOR : "anonymous";
  }

  /** What was changed: the path variables ({@code acc_1}, {@code acc_1/key_2}), else the body's {@code id}. */
  @SuppressWarnings("unchecked")
  private static String target(HttpServletRequest request, JsonNode body) {
    Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
    if (variables instanceof Map<?, ?> map && !map.isEmpty()) {
      String joined = ((Map<String, String>) map).values().stream()
          .map(v -> v.startsWith("/") ? v.substring(1) : v)
          .collect(Collectors.joining("/"));
      return truncate(joined, 300);
    }
    if (body != null && body.isObject() && body.get("id") != null && body.get("id").isString()) {
      return truncate(body.get("id").asString(), 300);
    }
    return null;
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
