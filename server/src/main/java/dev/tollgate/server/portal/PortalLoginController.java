package dev.tollgate.server.portal;

import dev.tollgate.server.http.ApiException;
import dev.tollgate.server.security.AuthFailureLimiter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Signing in (a customer token, or a signed link) and out. */
@Controller
@PortalPage
class PortalLoginController {
  private final PortalLinks links;
  private final PortalTokens tokens;
  private final PortalSessions sessions;
  private final SecureRandom random;
  private final AuthFailureLimiter failures;

  PortalLoginController(PortalLinks links, PortalTokens tokens, PortalSessions sessions, SecureRandom random,
      AuthFailureLimiter failures) {
    this.failures = failures;
    this.links = links;
    this.tokens = tokens;
    this.sessions = sessions;
    this.random = random;
  }

  @GetMapping(PortalFilter.LOGIN_PATH)
  String loginForm(HttpServletRequest request, HttpServletResponse response, Model model) {
    return form(request, response, model);
  }

  @PostMapping(PortalFilter.LOGIN_PATH)
  String login(@RequestParam(required = false) String token, HttpServletRequest request, HttpServletResponse response,
      Model model) {
    // The API's limit on wrong tokens per address covers this form too: one budget for guessing.
    String address = request.getRemoteAddr();
    try {
      Optional<Duration> blocked = failures.blockedFor(address);
      if (blocked.isPresent()) {
        long seconds = AuthFailureLimiter.retryAfterSeconds(blocked.get());
        response.setHeader("Retry-After", Long.toString(seconds));
        throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "too_many_auth_failures",
            "Too many wrong tokens from your address. Try again in " + seconds + " s.");
      }
      PortalSessions.Opened opened = tokens.open(token, sessions);
      PortalCookies.setSession(response, request, opened.cookieValue());
      return "redirect:/portal";
    } catch (ApiException e) {
      if (e.status() == HttpStatus.UNAUTHORIZED) {
        failures.recordFailure(address);
      }
      response.setStatus(e.status().value());
      model.addAttribute("error", e);
      return form(request, response, model);
    }
  }

  /**
   * Opens the link's session and answers a page that moves on to /portal by itself (meta refresh,
   * no script). Not a 303: the session cookie is SameSite=Strict, and a redirect in a chain that
   * began on another site (the e-mail, the operator's app) would not carry it; a navigation this
   * page starts is same-site, so the cookie goes along. README.md, "Cookies".
   */
  @GetMapping(PortalFilter.ENTER_PATH)
  String enter(@RequestParam(required = false) String t, HttpServletRequest request, HttpServletResponse response) {
    PortalSessions.Opened opened = links.open(t, sessions);
    PortalCookies.setSession(response, request, opened.cookieValue());
    return "portal/entered";
  }

  @PostMapping("/portal/logout")
  String logout(HttpServletRequest request, HttpServletResponse response) {
    sessions.end(PortalCookies.read(request, PortalCookies.SESSION));
    PortalCookies.clearSession(response, request);
    return "redirect:" + PortalFilter.LOGIN_PATH;
  }

  private String form(HttpServletRequest request, HttpServletResponse response, Model model) {
    String csrf = PortalSecrets.issue(random);
    PortalCookies.setLoginCsrf(response, request, csrf);
    model.addAttribute("loginCsrf", csrf);
    return "portal/login";
  }
}
