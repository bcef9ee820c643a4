package dev.tollgate.server.usage;

import dev.tollgate.server.http.ApiException;
import dev.tollgate.server.http.BodyTooLargeException;
import dev.tollgate.server.http.HotRoutes;
import dev.tollgate.server.http.ProblemAdvice;
import dev.tollgate.server.http.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Answers {@code POST /v1/authorize} and {@code POST /v1/settle} as soon as the request is
 * authenticated, without Spring MVC: handler lookup, controller-advice matching, argument
 * resolution and the remaining filters cost about as much CPU as the settle itself (BENCHMARKS.md,
 * run 9). It runs after the body limit and the admin token (their order is below this one's), calls
 * the same {@link CallController} methods, and answers failures with the problem {@link ProblemAdvice}
 * gives, so nothing a client sees changes. Any other method or path passes through untouched.
 */
final class HotPathFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;

  private final transient CallController calls;
  private final transient ProblemAdvice advice;
  private final transient ProblemResponses problems;

  HotPathFilter(CallController calls, ProblemAdvice advice, ProblemResponses problems) {
    this.calls = calls;
    this.advice = advice;
    this.problems = problems;
  }

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String path = request.getRequestURI();
    boolean settle = HotRoutes.SETTLE.equals(path);
    if (!(settle || HotRoutes.AUTHORIZE.equals(path)) || !"POST".equals(request.getMethod())) {
      chain.doFilter(request, response);
      return;
    }
    try {
      requireJson(request.getContentType());
      if (settle) {
        calls.settle(request, response);
      } else {
        calls.authorize(request, response);
      }
    } catch (BodyTooLargeException e) {
      problems.write(response, advice.problemFor(e));
    } catch (IOException e) {
      // The client went away mid-request: nobody to answer.
      throw e;
    } catch (Exception e) {
      problems.write(response, advice.problemFor(e));
    }
  }

  /** What {@code consumes = application/json} accepts: that type, with or without parameters. */
  static void requireJson(String contentType) {
    // What gateways send, recognised without parsing; anything else is parsed as Spring would.
    if ("application/json".equalsIgnoreCase(contentType) || "application/json;charset=utf-8".equalsIgnoreCase(contentType)
        || "application/json; charset=utf-8".equalsIgnoreCase(contentType)) {
      return;
    }
    try {
      if (contentType != null && MediaType.APPLICATION_JSON.includes(MediaType.parseMediaType(contentType))) {
        return;
      }
    } catch (InvalidMediaTypeException e) {
      // falls through: not JSON
    }
    throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", "send the body as application/json");
  }
}
