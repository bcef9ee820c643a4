package dev.tollgate.server.console;

import dev.tollgate.server.http.HtmlPage;
import dev.tollgate.server.http.NotFoundPage;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;

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
    // Signed in: the console filter put the user there; the page keeps its navigation.
    ConsoleUser user = (ConsoleUser) request.getAttribute(ConsoleUser.ATTRIBUTE);
    Map<String, Object> page = new HashMap<>();
    page.put("user", user);
    page.put("nav", user == null ? List.of() : ConsoleNav.of(user));
    page.put("path", request.getRequestURI());
    page.put("errorTitle", "Not Found");
    page.put("errorDetail", "There is no console page at " + request.getRequestURI() + ".");
    page.put("errorCode", "not_found");
    HtmlPage.write(templates, "console/error", page, request, response, HttpStatus.NOT_FOUND);
  }
}
