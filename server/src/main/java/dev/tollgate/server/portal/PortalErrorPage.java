package dev.tollgate.server.portal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

/** Writes the portal's error page from outside a controller (the filter's refusals). */
@Component
class PortalErrorPage {
  private final ITemplateEngine templates;

  PortalErrorPage(ITemplateEngine templates) {
    this.templates = templates;
  }

  void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code, String message)
      throws IOException {
    response.setStatus(status.value());
    response.setContentType(MediaType.TEXT_HTML_VALUE);
    response.setCharacterEncoding("UTF-8");
    // A web context, so the layout's @{/…} links resolve as they do in a controller's page.
    var exchange = JakartaServletWebApplication.buildApplication(request.getServletContext())
        .buildExchange(request, response);
    WebContext context = new WebContext(exchange);
    context.setVariables(Map.of("status", status.value(), "code", code, "message", message));
    templates.process("portal/error", context, response.getWriter());
  }
}
