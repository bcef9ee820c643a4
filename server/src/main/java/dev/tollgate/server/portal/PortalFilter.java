package dev.tollgate.server.portal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * In front of every {@code /portal} request: the secure headers; then, except for the sign-in
 * pages and static assets, the session (none → the sign-in page) and, on every non-GET, the CSRF
 * token (form field {@code _csrf} or htmx header {@code X-CSRF-Token}). A request that passes
 * carries its {@link PortalSession} and the actor {@code customer:<accountId>} for the audit log.
 */
final class PortalFilter extends OncePerRequestFilter {
  /** Read by the audit log: who made a change. Set before any portal page runs. */
  static final String ACTOR_ATTRIBUTE = "dev.tollgate.actor";
  static final String CSRF_FIELD = "_csrf";
  static final String CSRF_HEADER = "X-CSRF-Token";
  static final String LOGIN_PATH = "/portal/login";
  static final String ENTER_PATH = "/portal/enter";
  static final String ASSETS_PREFIX = "/portal/assets/";

  /** No inline script or handler anywhere: scripts and styles come from this origin only. */
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  private final PortalSessions sessions;
  private final PortalErrorPage errors;

  PortalFilter(PortalSessions sessions, PortalErrorPage errors) {
    this.sessions = sessions;
    this.errors = errors;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI();
    return !(path.equals("/portal") || path.startsWith("/portal/"));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    secureHeaders(response);
    String path = request.getRequestURI();
    boolean write = !request.getMethod().equals("GET") && !request.getMethod().equals("HEAD");
    if (path.startsWith(ASSETS_PREFIX) || path.equals(ENTER_PATH)) {
      chain.doFilter(request, response);
      return;
    }
    if (path.equals(LOGIN_PATH)) {
      if (write && !PortalSecrets.same(PortalCookies.read(request, PortalCookies.LOGIN_CSRF), csrf(request))) {
        refuseCsrf(request, response);
        return;
      }
      chain.doFilter(request, response);
      return;
    }
    Optional<PortalSession> session = sessions.resolve(PortalCookies.read(request, PortalCookies.SESSION));
    if (session.isEmpty()) {
      PortalCookies.clearSession(response, request);
      if (request.getHeader("HX-Request") != null) {
        response.setHeader("HX-Redirect", LOGIN_PATH);
      }
      response.setStatus(HttpStatus.SEE_OTHER.value());
      response.setHeader("Location", LOGIN_PATH);
      return;
    }
    if (write && !PortalSecrets.same(session.get().csrfToken(), csrf(request))) {
      refuseCsrf(request, response);
      return;
    }
    request.setAttribute(PortalSession.ATTRIBUTE, session.get());
    request.setAttribute(ACTOR_ATTRIBUTE, "customer:" + session.get().accountId());
    chain.doFilter(request, response);
  }

  private static String csrf(HttpServletRequest request) {
    String header = request.getHeader(CSRF_HEADER);
    return header != null ? header : request.getParameter(CSRF_FIELD);
  }

  private void refuseCsrf(HttpServletRequest request, HttpServletResponse response) throws IOException {
    errors.write(request, response, HttpStatus.FORBIDDEN, "csrf_invalid",
        "This form has expired or did not come from the portal. Reload the page and try again.");
  }

  private static void secureHeaders(HttpServletResponse response) {
    response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("Cache-Control", "no-store");
  }
}
