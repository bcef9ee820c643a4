package dev.tollgate.server.http;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
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
    if (response.isCommitted()) {
      return;
    }
    response.resetBuffer();
    response.setStatus(status.value());
    response.setContentType(Problem.MEDIA_TYPE.toString());
    response.setCharacterEncoding("UTF-8");
    response.getOutputStream().write(json.writeValueAsBytes(Problem.of(status, code, detail)));
  }
}
