package dev.tollgate.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * The RFC 9457 body of every error: {@code type}, {@code title}, {@code status}, {@code detail}
 * and our stable {@code code}, plus the request {@code field} at fault when there is one.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String code, String field) {
  public static final MediaType MEDIA_TYPE = MediaType.APPLICATION_PROBLEM_JSON;

  public static Problem of(HttpStatus status, String code, String detail, String field) {
    return new Problem("/problems/" + code, status.getReasonPhrase(), status.value(), detail, code, field);
  }

  public static Problem of(HttpStatus status, String code, String detail) {
    return of(status, code, detail, null);
  }
}
