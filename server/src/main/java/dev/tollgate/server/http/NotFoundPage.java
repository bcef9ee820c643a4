package dev.tollgate.server.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A section people reach with a browser (the console, the portal) that answers an unknown path of
 * its own with an HTML page in its own layout, not with problem+json; every other path keeps the
 * API's {@code not_found} problem.
 */
public interface NotFoundPage {
  /** Whether {@code path} (the request URI) belongs to this section. */
  boolean covers(String path);

  /** Writes the 404 page. */
  void write(HttpServletRequest request, HttpServletResponse response) throws IOException;
}
