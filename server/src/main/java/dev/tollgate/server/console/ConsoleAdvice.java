package dev.tollgate.server.console;

import dev.tollgate.core.money.AmountFormatException;
import dev.tollgate.server.http.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The model every console page gets (user, navigation, current path), and errors of console
 * pages as HTML pages rather than problem+json. Ordered before the API's ProblemAdvice.
 */
@ControllerAdvice(annotations = ConsoleController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleAdvice {
  private static final Logger log = LoggerFactory.getLogger(ConsoleAdvice.class);

  @ModelAttribute
  void common(HttpServletRequest request, Model model) {
    ConsoleUser user = (ConsoleUser) request.getAttribute(ConsoleUser.ATTRIBUTE);
    model.addAttribute("user", user);
    model.addAttribute("nav", ConsoleNav.of(user));
    model.addAttribute("path", request.getRequestURI());
  }

  @ExceptionHandler(ApiException.class)
  String api(ApiException e, HttpServletResponse response, Model model) {
    response.setStatus(e.status().value());
    return error(model, e.status().getReasonPhrase(), e.getMessage(), e.code());
  }

  @ExceptionHandler(AmountFormatException.class)
  String amount(AmountFormatException e, HttpServletResponse response, Model model) {
    response.setStatus(422);
    return error(model, "Invalid amount", e.getMessage(), e.code());
  }

  @ExceptionHandler(Exception.class)
  String unexpected(Exception e, HttpServletResponse response, Model model) {
    log.error("console page failed", e);
    response.setStatus(500);
    return error(model, "Something went wrong", "An unexpected error occurred; nothing was changed.", "internal_error");
  }

  static String error(Model model, String title, String detail, String code) {
    model.addAttribute("errorTitle", title);
    model.addAttribute("errorDetail", detail);
    model.addAttribute("errorCode", code);
    if (!model.containsAttribute("nav")) {
      model.addAttribute("nav", List.of());
    }
    return "console/error";
  }
}
