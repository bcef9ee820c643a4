package dev.tollgate.server.security;

import dev.tollgate.server.http.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every {@code /v1} request carries {@code Authorization: Bearer <admin token>}. Missing → 401
 * {@code missing_token}; wrong → 401 {@code invalid_token}, counted against the client address by
 * the {@link AuthFailureLimiter}; an address past its limit gets 429 {@code too_many_auth_failures}
 * with {@code Retry-After}, whatever it sends. Nothing else about the token reaches the response or
 * the log.
 */
public final class AdminTokenFilter extends OncePerRequestFilter {
  private static final String BEARER = "Bearer ";

  private final AdminToken token;
  private final AuthFailureLimiter failures;
  private final ProblemResponses problems;

  public AdminTokenFilter(AdminToken token, AuthFailureLimiter failures, ProblemResponses problems) {
    this.token = token;
    this.failures = failures;
    this.problems = problems;
  }

  /**
   * Payment providers cannot send our bearer token; these two exact paths authenticate each request
   * by its signature instead (Stripe's HMAC header, EPay's MD5 sign), checked before anything changes.
   */
  public static final java.util.Set<String> SIGNED_PATHS =
      java.util.Set.of("/v1/payments/stripe/webhook", "/v1/payments/epay/notify");

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI();
    return !(path.equals("/v1") || path.startsWith("/v1/")) || SIGNED_PATHS.contains(path);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String address = request.getRemoteAddr();
    java.util.Optional<java.time.Duration> blocked = failures.blockedFor(address);
    if (blocked.isPresent()) {
      tooManyFailures(response, blocked.get());
      return;
    }
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || header.isBlank()) {
      refuse(response, "missing_token", "send Authorization: Bearer <token>");
      return;
    }
    if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())
        || !token.matches(header.substring(BEARER.length()).trim())) {
      failures.recordFailure(address);
      refuse(response, "invalid_token", "the bearer token is not valid");
      return;
    }
    chain.doFilter(request, response);
  }

  private void tooManyFailures(HttpServletResponse response, java.time.Duration wait) throws IOException {
    long seconds = AuthFailureLimiter.retryAfterSeconds(wait);
    response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    problems.write(response, HttpStatus.TOO_MANY_REQUESTS, "too_many_auth_failures",
        "too many failed authentications from this address; try again in " + seconds + " s");
  }

  private void refuse(HttpServletResponse response, String code, String detail) throws IOException {
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"tollgate\"");
    problems.write(response, HttpStatus.UNAUTHORIZED, code, detail);
  }
}
