package dev.tollgate.server.console;

import dev.tollgate.server.security.AdminToken;
import dev.tollgate.server.security.AuthFailureLimiter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Sign-in with the admin token (as {@code admin}, administrator) or an operator token, and
 * sign-out. The form carries a pre-session token that must equal its cookie (login CSRF).
 */
@ConsoleController
class ConsoleLoginController {
  /** A token longer than this is not one; refused before hashing. */
  static final int TOKEN_LENGTH_MAX = 256;

  private final AdminToken adminToken;
  private final OperatorCommands operators;
  private final ConsoleSessions sessions;
  private final ConsoleCookies cookies;
  private final AuthFailureLimiter failures;

  ConsoleLoginController(AdminToken adminToken, OperatorCommands operators, ConsoleSessions sessions, ConsoleCookies cookies,
      AuthFailureLimiter failures) {
    this.failures = failures;
    this.adminToken = adminToken;
    this.operators = operators;
    this.sessions = sessions;
    this.cookies = cookies;
  }

  @GetMapping("/console")
  String home() {
    return "redirect:/console/usage";
  }

  @GetMapping("/console/login")
  String form(HttpServletRequest request, HttpServletResponse response, Model model) {
    return form(request, response, model, null);
  }

  @PostMapping("/console/login")
  String signIn(@RequestParam(required = false) String token, @RequestParam(name = "_csrf", required = false) String csrf,
      HttpServletRequest request, HttpServletResponse response, Model model) {
    String expected = ConsoleCookies.read(request, ConsoleCookies.LOGIN);
    if (csrf == null || expected == null
        || !MessageDigest.isEqual(csrf.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
      response.setStatus(403);
      return form(request, response, model, "The sign-in form had expired. Please try again.");
    }
    // The API's limit on wrong tokens per address covers this form too: one budget for guessing.
    String address = request.getRemoteAddr();
    Optional<java.time.Duration> blocked = failures.blockedFor(address);
    if (blocked.isPresent()) {
      long seconds = AuthFailureLimiter.retryAfterSeconds(blocked.get());
      response.setStatus(429);
      response.setHeader("Retry-After", Long.toString(seconds));
      return form(request, response, model, "Too many wrong tokens from your address. Try again in " + seconds + " s.");
    }
    Optional<String> name = who(token);
    if (name.isEmpty()) {
      failures.recordFailure(address);
      response.setStatus(401);
      return form(request, response, model, "That token is not valid. Use the admin token or an operator token (tgo_…).");
    }
    sessions.end(ConsoleCookies.read(request, ConsoleCookies.SESSION));
    cookies.set(request, response, ConsoleCookies.SESSION, sessions.start(name.get()), null);
    cookies.clear(request, response, ConsoleCookies.LOGIN);
    return "redirect:/console/usage";
  }

  @PostMapping("/console/logout")
  String signOut(HttpServletRequest request, HttpServletResponse response) {
    sessions.end(ConsoleCookies.read(request, ConsoleCookies.SESSION));
    cookies.clear(request, response, ConsoleCookies.SESSION);
    return "redirect:/console/login";
  }

  @RequestMapping(ConsoleFilter.FORBIDDEN_PATH)
  String forbidden(HttpServletRequest request, HttpServletResponse response, Model model) {
    response.setStatus(403);
    Object reason = request.getAttribute(ConsoleFilter.REASON_ATTRIBUTE);
    return ConsoleAdvice.error(model, "Not allowed",
        reason != null ? reason.toString() : "Your role does not allow this page.", "forbidden");
  }

  private Optional<String> who(String token) {
    if (token == null || token.isBlank() || token.length() > TOKEN_LENGTH_MAX) {
      return Optional.empty();
    }
    String presented = token.trim();
    if (adminToken.matches(presented)) {
      return Optional.of(ConsoleUser.ADMIN);
    }
    return operators.signIn(presented).map(Operator::name);
  }

  private String form(HttpServletRequest request, HttpServletResponse response, Model model, String error) {
    String loginToken = ConsoleCookies.read(request, ConsoleCookies.LOGIN);
    if (loginToken == null || loginToken.length() > 100) {
      loginToken = sessions.randomToken();
      cookies.set(request, response, ConsoleCookies.LOGIN, loginToken, ConsoleCookies.LOGIN_TOKEN_TTL);
    }
    model.addAttribute("loginCsrf", loginToken);
    model.addAttribute("error", error);
    return "console/login";
  }
}
