package dev.tollgate.server.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServletServerHttpRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes hot-path bodies without Spring MVC's message-converter chain (content
 * negotiation and converter lookup on every call cost measurable CPU, BENCHMARKS.md). The rules are
 * the same: the strict {@link JsonMapper}, and every unreadable body becomes the same
 * {@link HttpMessageNotReadableException} that {@link ProblemAdvice} turns into a problem.
 */
public final class JsonBodies {
  private JsonBodies() {}

  public static <T> T read(ObjectReader reader, HttpServletRequest request) throws IOException {
    PushbackInputStream in = new PushbackInputStream(request.getInputStream(), 1);
    int first = in.read();
    if (first < 0) {
      throw unreadable("Required request body is missing", null, request);
    }
    in.unread(first);
    T value;
    try {
      value = reader.readValue((InputStream) in);
    } catch (JacksonException e) {
      throw unreadable("the request body could not be read", e, request);
    }
    if (value == null) {
      // The JSON literal null: a body, but not the object of this request.
      throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_body", "the request body must be a JSON object of this request's fields");
    }
    return value;
  }

  /** A 200 with a JSON body that is already rendered. */
  public static void writeOk(HttpServletResponse response, byte[] json) throws IOException {
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType("application/json");
    response.setContentLength(json.length);
    response.getOutputStream().write(json);
  }

  private static HttpMessageNotReadableException unreadable(String message, Throwable cause, HttpServletRequest request) {
    return new HttpMessageNotReadableException(message, cause, new ServletServerHttpRequest(request));
  }
}
