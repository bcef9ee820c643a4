package dev.tollgate.server.portal;

import dev.tollgate.server.http.NotFoundPage;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** An unknown portal path: the portal's error page, with status 404. */
@Component
class PortalNotFoundPage implements NotFoundPage {
  private final PortalErrorPage errors;

  PortalNotFoundPage(PortalErrorPage errors) {
    this.errors = errors;
  }

  @Override
  public boolean covers(String path) {
    return path.startsWith("/portal/");
  }

  @Override
  public void write(HttpServletRequest request, HttpServletResponse response) throws IOException {
    errors.write(request, response, HttpStatus.NOT_FOUND, "not_found",
        "There is no portal page at " + request.getRequestURI() + ".");
  }
}
