package dev.tollgate.server.portal;

import dev.tollgate.server.http.HtmlPage;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;

/** Writes the portal's error page from outside a controller (the filter's refusals, unknown addresses). */
@Component
class PortalErrorPage {
  private final ITemplateEngine templates;

  PortalErrorPage(ITemplateEngine templates) {
    this.templates = templates;
  }

  void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code, String message)
      throws IOException {
    HtmlPage.write(templates, "portal/error", Map.of("status", status.value(), "code", code, "message", message),
        request, response, status);
  }
}
