package dev.tollgate.server.http;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors raised outside Spring MVC (by the servlet container, e.g. a malformed URL) are forwarded
 * to /error; answer them as problems too instead of Boot's default page.
 */
@RestController
@io.swagger.v3.oas.annotations.Hidden
class ProblemErrorController implements ErrorController {
  @RequestMapping("/error")
  ResponseEntity<Problem> error(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatus status = HttpStatus.resolve(code instanceof Integer i ? i : 500);
    if (status == null) {
      status = HttpStatus.INTERNAL_SERVER_ERROR;
    }
    Object error = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
    if (error instanceof Throwable t && status == HttpStatus.BAD_REQUEST) {
      return ProblemResponses.entity(ProblemAdvice.unreadableBody(t));
    }
    String problemCode = switch (status) {
      case NOT_FOUND -> "not_found";
      case BAD_REQUEST -> "bad_request";
      case CONTENT_TOO_LARGE -> "body_too_large";
      case REQUEST_HEADER_FIELDS_TOO_LARGE -> "headers_too_large";
      case METHOD_NOT_ALLOWED -> "method_not_allowed";
      default -> status.is5xxServerError() ? "internal_error" : "request_refused";
    };
    return ProblemResponses.entity(Problem.of(status, problemCode, status.getReasonPhrase()));
  }
}
