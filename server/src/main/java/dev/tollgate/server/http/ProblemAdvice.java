package dev.tollgate.server.http;

import dev.tollgate.core.money.AmountFormatException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Turns every failure into a problem with a stable code. Unexpected exceptions become a 500 whose
 * detail names no internals; the stack trace goes to the log only.
 */
@RestControllerAdvice
public class ProblemAdvice {
  private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

  private final java.util.List<NotFoundPage> pages;

  public ProblemAdvice(java.util.List<NotFoundPage> pages) {
    this.pages = pages;
  }

  /**
   * The problem for a failure outside Spring MVC (the hot-path filter): the same answer the handler
   * below would give for it.
   */
  public ResponseEntity<Problem> problemFor(Exception e) {
    if (e instanceof ApiException api) {
      return api(api);
    }
    if (e instanceof AmountFormatException amount) {
      return amount(amount);
    }
    if (e instanceof HttpMessageNotReadableException unreadable) {
      return unreadable(unreadable);
    }
    if (e instanceof BodyTooLargeException tooLarge) {
      return tooLarge(tooLarge);
    }
    if (e instanceof org.springframework.dao.DataAccessException store) {
      return store(store);
    }
    return unexpected(e);
  }

  @ExceptionHandler(ApiException.class)
  ResponseEntity<Problem> api(ApiException e) {
    return ProblemResponses.entity(Problem.of(e.status(), e.code(), e.getMessage(), e.field()));
  }

  @ExceptionHandler(AmountFormatException.class)
  ResponseEntity<Problem> amount(AmountFormatException e) {
    return ProblemResponses.entity(Problem.of(HttpStatus.UNPROCESSABLE_CONTENT, e.code(), e.getMessage()));
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Problem> unreadable(HttpMessageNotReadableException e) {
    return ProblemResponses.entity(unreadableBody(e));
  }

  /** Classifies why a body could not be read, walking the cause chain. */
  static Problem unreadableBody(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BodyTooLargeException tooLarge) {
        return Problem.of(HttpStatus.CONTENT_TOO_LARGE, "body_too_large", tooLarge.getMessage());
      }
      if (t instanceof ApiException api) {
        return Problem.of(api.status(), api.code(), api.getMessage(), api.field());
      }
      if (t instanceof AmountFormatException amount) {
        return Problem.of(HttpStatus.UNPROCESSABLE_CONTENT, amount.code(), amount.getMessage());
      }
      if (t instanceof UnrecognizedPropertyException unknown) {
        return Problem.of(
            HttpStatus.BAD_REQUEST, "unknown_field",
            "the field '" + unknown.getPropertyName() + "' is not part of this request", path(unknown));
      }
      if (t instanceof ValueInstantiationException inst && inst.getCause() != null) {
        Throwable cause = inst.getCause();
        if (cause instanceof ApiException || cause instanceof AmountFormatException) {
          continue;
        }
        return Problem.of(HttpStatus.BAD_REQUEST, "invalid_value", "a value is invalid: " + cause.getMessage(), path(inst));
      }
      if (t instanceof InvalidFormatException format) {
        return Problem.of(
            HttpStatus.BAD_REQUEST, "invalid_type",
            "the field '" + path(format) + "' has a value of the wrong type or format", path(format));
      }
      if (t instanceof MismatchedInputException mismatch) {
        String field = path(mismatch);
        if (field == null || field.isEmpty()) {
          return Problem.of(HttpStatus.BAD_REQUEST, "invalid_body", "the request body must be a JSON object of this request's fields");
        }
        return Problem.of(
            HttpStatus.BAD_REQUEST, "invalid_type", "the field '" + field + "' has a value of the wrong type", field);
      }
      if (t instanceof StreamConstraintsException limits) {
        return Problem.of(HttpStatus.BAD_REQUEST, "json_limit_exceeded", "the JSON exceeds a parser limit: " + limits.getOriginalMessage());
      }
      if (t instanceof StreamReadException) {
        return Problem.of(HttpStatus.BAD_REQUEST, "malformed_json", "the request body is not valid JSON");
      }
    }
    if (e.getMessage() != null && e.getMessage().startsWith("Required request body is missing")) {
      return Problem.of(HttpStatus.BAD_REQUEST, "missing_body", "this request needs a JSON body");
    }
    return Problem.of(HttpStatus.BAD_REQUEST, "malformed_json", "the request body is not valid JSON");
  }

  private static String path(DatabindException e) {
    if (e.getPath() == null || e.getPath().isEmpty()) {
      return null;
    }
    return e.getPath().stream()
        .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining(".")).replace(".[", "[");
  }

  @ExceptionHandler(BodyTooLargeException.class)
  ResponseEntity<Problem> tooLarge(BodyTooLargeException e) {
    return ProblemResponses.entity(Problem.of(HttpStatus.CONTENT_TOO_LARGE, "body_too_large", e.getMessage()));
  }

  /** An unknown path: the console's or portal's HTML page under theirs, else the problem. */
  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<Problem> noRoute(NoResourceFoundException e, jakarta.servlet.http.HttpServletRequest request,
      jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
    for (NotFoundPage page : pages) {
      if (page.covers(request.getRequestURI())) {
        page.write(request, response);
        return null;
      }
    }
    return ProblemResponses.entity(Problem.of(HttpStatus.NOT_FOUND, "not_found", "no such resource: /" + e.getResourcePath()));
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<Problem> method(HttpRequestMethodNotSupportedException e) {
    return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
        .allow(e.getSupportedHttpMethods() == null ? new org.springframework.http.HttpMethod[0]
            : e.getSupportedHttpMethods().toArray(new org.springframework.http.HttpMethod[0]))
        .contentType(Problem.MEDIA_TYPE)
        .body(Problem.of(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed", e.getMethod() + " is not supported here"));
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<Problem> mediaType(HttpMediaTypeNotSupportedException e) {
    return ProblemResponses.entity(
        Problem.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", "send the body as application/json"));
  }

  @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
  ResponseEntity<Problem> notAcceptable(HttpMediaTypeNotAcceptableException e) {
    return ProblemResponses.entity(
        Problem.of(HttpStatus.NOT_ACCEPTABLE, "not_acceptable", "this resource answers with application/json"));
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<Problem> missingParameter(MissingServletRequestParameterException e) {
    return ProblemResponses.entity(Problem.of(
        HttpStatus.BAD_REQUEST, "missing_parameter", "the query parameter '" + e.getParameterName() + "' is required",
        e.getParameterName()));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Problem> parameterType(MethodArgumentTypeMismatchException e) {
    return ProblemResponses.entity(Problem.of(
        HttpStatus.BAD_REQUEST, "invalid_parameter", "the parameter '" + e.getName() + "' has an invalid value", e.getName()));
  }

  /** A query or form parameter that is not valid percent-encoded UTF-8 (Tomcat refuses to decode it). */
  @ExceptionHandler(org.apache.tomcat.util.http.InvalidParameterException.class)
  ResponseEntity<Problem> undecodableParameter(org.apache.tomcat.util.http.InvalidParameterException e) {
    return ProblemResponses.entity(Problem.of(
        HttpStatus.BAD_REQUEST, "invalid_parameter", "a query parameter is not valid percent-encoded UTF-8"));
  }

  /**
   * SQL states of values the store cannot hold (a NUL character, a timestamp past its range, a
   * number past its type). Only a request's own values produce them, and the transaction rolled
   * back, so this is the caller's error and nothing changed.
   */
  static final java.util.Set<String> VALUE_SQL_STATES = java.util.Set.of("22021", "22P05", "22008", "22003", "22001");

  @ExceptionHandler(org.springframework.dao.DataAccessException.class)
  ResponseEntity<Problem> store(org.springframework.dao.DataAccessException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLException sql && VALUE_SQL_STATES.contains(sql.getSQLState())) {
        log.info("refused a value the store cannot hold (SQL state {})", sql.getSQLState());
        return ProblemResponses.entity(Problem.of(
            HttpStatus.BAD_REQUEST, "value_not_storable", "a value is out of the range or character set the store accepts"));
      }
    }
    return unexpected(e);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Problem> unexpected(Exception e) {
    log.error("unexpected failure", e);
    return ProblemResponses.entity(
        Problem.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "an unexpected error occurred; nothing was changed"));
  }
}
