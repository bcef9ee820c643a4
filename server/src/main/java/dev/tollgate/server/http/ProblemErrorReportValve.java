package dev.tollgate.server.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * Tomcat refuses some requests before Spring sees them (a {@code %00} or invalid UTF-8 in the path,
 * a bad escape); its default answer is an HTML page. This valve, first in the engine's pipeline,
 * answers those as problems instead, naming no internals.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {
  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    Throwable cause = throwable != null ? throwable
        : (Throwable) request.getAttribute(jakarta.servlet.RequestDispatcher.ERROR_EXCEPTION);
    if (status == 400 && cause != null && String.valueOf(cause.getMessage()).contains("header is too large")) {
      // Tomcat says 400 for a request line plus headers over max-http-request-header-size.
      status = HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE.value();
      response.setStatus(status);
    }
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    HttpStatus resolved = HttpStatus.resolve(status);
    String code = switch (status) {
      case 400 -> "bad_request";
      case 404 -> "not_found";
      case 413 -> "body_too_large";
      case 414 -> "uri_too_long";
      case 431 -> "headers_too_large";
      default -> status >= 500 ? "internal_error" : "request_refused";
    };
    String title = resolved == null ? "Error" : resolved.getReasonPhrase();
    String detail = switch (status) {
      case 400 -> "the request line, path or headers are malformed";
      case 431 -> "the request line and headers together exceed " + RequestLimits.HEAD_BYTES_MAX + " bytes";
      default -> title;
    };
    String body = "{\"type\":\"/problems/" + code + "\",\"title\":\"" + title + "\",\"status\":" + status
        + ",\"detail\":\"" + detail + "\",\"code\":\"" + code + "\"}";
    try {
      response.setContentType(Problem.MEDIA_TYPE.toString());
      response.setCharacterEncoding("UTF-8");
      response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
      response.finishResponse();
    } catch (IOException | IllegalStateException e) {
      // The client is gone or the answer is already on its way; nothing more to say.
    }
  }
}
