package dev.tollgate.server.console;

import dev.tollgate.server.http.NotFoundPage;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

/** An unknown console path: the console's error page, in its layout, with status 404. */
@Component
class ConsoleNotFoundPage implements NotFoundPage {
  private final ITemplateEngine templates;

  ConsoleNotFoundPage(ITemplateEngine templates) {
    this.templates = templates;
  }

  @Override
  public boolean covers(String path) {
    return path.startsWith("/console/");
  }

  @Override
  public void write(HttpServletRequest request, HttpServletResponse response) throws IOException {
    response.setStatus(HttpStatus.NOT_FOUND.value());
    response.setContentType(MediaType.TEXT_HTML_VALUE);
    response.setCharacterEncoding("UTF-8");
    var exchange = JakartaServletWebApplication.buildApplication(request.getServletContext())
        .buildExchange(request, response);
    WebContext context = new WebContext(exchange);
    // Signed in: the console filter put the user there; the page keeps its navigation.
    ConsoleUser user = (ConsoleUser) request.getAttribute(ConsoleUser.ATTRIBUTE);
    context.setVariable("user", user);
    context.setVariable("nav", user == null ? List.of() : ConsoleNav.of(user));
    context.setVariable("path", request.getRequestURI());
    context.setVariable("errorTitle", "Not Found");
    context.setVariable("errorDetail", "There is no console page at " + request.getRequestURI() + ".");
    context.setVariable("errorCode", "not_found");
    templates.process("console/error", context, response.getWriter());
  }
}
