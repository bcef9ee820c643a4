package dev.tollgate.server.http;

import org.springframework.http.HttpStatus;

/**
 * A refusal that reaches the client as {@code application/problem+json} with a stable {@code
 * code}. Thrown only before any state changed (check, then change), so a refused request has no
 * effect.
 */
public class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final HttpStatus status;
  private final String code;
  private final String field;

  public ApiException(HttpStatus status, String code, String detail) {
    this(status, code, detail, null);
  }

  public ApiException(HttpStatus status, String code, String detail, String field) {
    super(detail, null, false, false);
    this.status = status;
    this.code = code;
    this.field = field;
  }

  public HttpStatus status() {
    return status;
  }

  public String code() {
    return code;
  }

  /** The request field at fault, or null. */
  public String field() {
    return field;
  }

  public static ApiException missingField(String field) {
    return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "missing_field", "the field '" + field + "' is required", field);
  }

  public static ApiException invalidField(String field, String code, String detail) {
    return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, code, detail, field);
  }

  public static ApiException notFound(String code, String detail) {
    return new ApiException(HttpStatus.NOT_FOUND, code, detail);
  }

  public static ApiException conflict(String code, String detail) {
    return new ApiException(HttpStatus.CONFLICT, code, detail);
  }
}
