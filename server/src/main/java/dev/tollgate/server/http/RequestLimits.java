package dev.tollgate.server.http;

/**
 * Named limits of a request's head. Tomcat enforces them ({@code server.max-http-request-header-size}
 * in application.yaml must equal {@link #HEAD_BYTES_MAX}; RequestLimitsTest checks both at the
 * limit and one past); bodies are limited by {@link BodyLimitFilter}.
 */
public final class RequestLimits {
  /**
   * The request line, every header and the blank line after them, together: 16 KiB. A URL is part
   * of the request line, so it is limited by the same number (less the method, version and headers).
   */
  public static final int HEAD_BYTES_MAX = 16 * 1024;

  private RequestLimits() {}
}
