package dev.tollgate.server.http;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes problems, both from controllers and from filters that run before Spring MVC. */
@Component
public class ProblemResponses {
  private final JsonMapper json;

  public ProblemResponses(JsonMapper json) {
    this.json = json;
  }

  public static ResponseEntity<Problem> entity(Problem problem) {
    return ResponseEntity.status(problem.status()).contentType(Problem.MEDIA_TYPE).body(problem);
  }

  public void write(HttpServletResponse response, HttpStatus status, String code, String detail)
      throws IOException {
    write(response, entity(Problem.of(status, code, detail)));
  }

  /** Writes a problem with its status and headers (a filter's answer where a controller's would be). */
  public void write(HttpServletResponse response, ResponseEntity<Problem> problem) throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.resetBuffer();
    response.setStatus(problem.getStatusCode().value());
    problem.getHeaders().forEach((name, values) -> {
      if (!HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name)) {
        values.forEach(v -> response.addHeader(name, v));
      }
    });
    response.setContentType(Problem.MEDIA_TYPE.toString());
    response.setCharacterEncoding("UTF-8");
    response.getOutputStream().write(json.writeValueAsBytes(problem.getBody()));
  }
}
