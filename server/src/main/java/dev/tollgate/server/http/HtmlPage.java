package dev.tollgate.server.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

/** Writes a page template from outside a controller (a filter's refusal, an unknown address). */
public final class HtmlPage {
  private HtmlPage() {}

  public static void write(ITemplateEngine templates, String template, Map<String, ?> variables,
      HttpServletRequest request, HttpServletResponse response, HttpStatus status) throws IOException {
    response.setStatus(status.value());
    response.setContentType(MediaType.TEXT_HTML_VALUE);
    response.setCharacterEncoding("UTF-8");
    // A web context, so the layout's @{/…} links resolve as they do in a controller's page.
    var exchange = JakartaServletWebApplication.buildApplication(request.getServletContext())
        .buildExchange(request, response);
    WebContext context = new WebContext(exchange);
    variables.forEach(context::setVariable);
    templates.process(template, context, response.getWriter());
  }
}
