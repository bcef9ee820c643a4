package dev.tollgate.server.portal;

import dev.tollgate.core.accounts.BillingMode;
import dev.tollgate.core.money.AmountFormatException;
import dev.tollgate.server.accounts.Account;
import dev.tollgate.server.accounts.AccountStore;
import dev.tollgate.server.http.ApiException;
import dev.tollgate.server.usage.BillingModes;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * For every portal page: the signed-in account and its billing mode in the model (the layout's
 * header, navigation and CSRF token), and failures as an error page with the problem's code.
 */
@ControllerAdvice(annotations = PortalPage.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PortalAdvice {
  private static final Logger log = LoggerFactory.getLogger(PortalAdvice.class);

  private final AccountStore accounts;
  private final BillingModes modes;

  PortalAdvice(AccountStore accounts, BillingModes modes) {
    this.accounts = accounts;
    this.modes = modes;
  }

  /** What the layout shows of the signed-in account; null on the sign-in pages. */
  record Viewer(String accountId, String name, String currency, String timezone, String mode, String csrfToken) {
    public boolean self() {
      return mode.equals(BillingMode.SELF.code());
    }

    /** htmx sends this header with every request it makes (hx-headers on body); the token is URL-safe base64. */
    public String hxHeaders() {
      return "{\"" + PortalFilter.CSRF_HEADER + "\":\"" + csrfToken + "\"}";
    }
  }

  @ModelAttribute("viewer")
  Viewer viewer(HttpServletRequest request) {
    if (!(request.getAttribute(PortalSession.ATTRIBUTE) instanceof PortalSession session)) {
      return null;
    }
    Account a = accounts.find(session.accountId()).orElseThrow();
    return new Viewer(a.id(), a.name(), a.currency(), a.timezone(), modes.of(a).code(), session.csrfToken());
  }

  @ExceptionHandler(ApiException.class)
  ModelAndView api(ApiException e) {
    return page(e.status(), e.code(), e.getMessage());
  }

  @ExceptionHandler(AmountFormatException.class)
  ModelAndView amount(AmountFormatException e) {
    return page(HttpStatus.UNPROCESSABLE_CONTENT, e.code(), e.getMessage());
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ModelAndView parameter(MethodArgumentTypeMismatchException e) {
    return page(HttpStatus.BAD_REQUEST, "invalid_parameter", "The parameter '" + e.getName() + "' has an invalid value.");
  }

  @ExceptionHandler(Exception.class)
  ModelAndView unexpected(Exception e) {
    log.error("unexpected portal failure", e);
    return page(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "Something went wrong on our side; nothing was changed.");
  }

  static ModelAndView page(HttpStatus status, String code, String message) {
    ModelAndView mv = new ModelAndView("portal/error", status);
    mv.addObject("status", status.value());
    mv.addObject("code", code);
    mv.addObject("message", message);
    return mv;
  }
}
