package dev.tollgate.server.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * In front of every {@code /console} request: secure headers; then, except for the sign-in page
 * and static assets, the session (else a redirect to sign-in), the CSRF token on every non-GET,
 * the role's permission for the path (else a 403 page), and the actor attribute for the audit log.
 */
public final class ConsoleFilter extends OncePerRequestFilter {
  static final String CSRF_FIELD = "_csrf";
  static final String CSRF_HEADER = "X-CSRF-Token";
  static final String FORBIDDEN_PATH = "/console/forbidden";
  static final String REASON_ATTRIBUTE = "dev.tollgate.console.forbidden";
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
      + " img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
  /** Pages and actions that need the billing permission (seed 000). */
  static final List<String> BILLING_PATHS = List.of(
      "/console/billing", "/console/pricing", "/console/packages", "/console/plans", "/console/codes",
      "/console/grants", "/console/bills");

  private final ConsoleSessions sessions;

  public ConsoleFilter(ConsoleSessions sessions) {
    this.sessions = sessions;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI();
    return !(path.equals("/console") || path.startsWith("/console/"));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    secureHeaders(response);
    String path = request.getRequestURI();
    if (path.startsWith("/console/assets/") || path.equals("/console/login")) {
      chain.doFilter(request, response);
      return;
    }
    Optional<ConsoleUser> user = sessions.resume(ConsoleCookies.read(request, ConsoleCookies.SESSION));
    if (user.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_SEE_OTHER);
      response.setHeader("Location", "/console/login");
      return;
    }
    ConsoleUser u = user.get();
    request.setAttribute(ConsoleUser.ATTRIBUTE, u);
    request.setAttribute(ConsoleUser.ACTOR_ATTRIBUTE, u.actor());
    boolean reading = request.getMethod().equals("GET") || request.getMethod().equals("HEAD");
    if (!reading && !csrfValid(request, u.csrfToken())) {
      forbid(request, response, "The form had expired or did not come from this console (CSRF check). Reload the page and try again.");
      return;
    }
    if (!u.may(required(path, reading))) {
      forbid(request, response, "Your role (" + u.role().code() + ") does not allow this page or action.");
      return;
    }
    chain.doFilter(request, response);
  }

  static Permission required(String path, boolean reading) {
    if (path.equals("/console/operators") || path.startsWith("/console/operators/")) {
      return Permission.ADMINISTER;
    }
    for (String prefix : BILLING_PATHS) {
      if (path.equals(prefix) || path.startsWith(prefix + "/")) {
        return Permission.BILLING;
      }
    }
    // Every other write needs at least the billing permission; read_only writes nothing but sign-out.
    return reading || path.equals("/console/logout") ? Permission.READ : Permission.BILLING;
  }

  static boolean csrfValid(HttpServletRequest request, String expected) {
    String presented = request.getHeader(CSRF_HEADER);
    if (presented == null) {
      presented = request.getParameter(CSRF_FIELD);
    }
    return presented != null && expected != null && MessageDigest.isEqual(
        presented.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }

  private static void forbid(HttpServletRequest request, HttpServletResponse response, String reason)
      throws ServletException, IOException {
    request.setAttribute(REASON_ATTRIBUTE, reason);
    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    request.getRequestDispatcher(FORBIDDEN_PATH).forward(request, response);
  }

  static void secureHeaders(HttpServletResponse response) {
    response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("Cache-Control", "no-store");
  }
}
