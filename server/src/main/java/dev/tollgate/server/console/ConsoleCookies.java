package dev.tollgate.server.console;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * The console's two cookies: the session id, and the pre-session login token that protects the
 * sign-in form against login CSRF. Both HttpOnly, SameSite=Strict, Path=/console; Secure on HTTPS
 * or when {@code tollgate.console.secure-cookies} is true (TLS ends at a proxy).
 */
@Component
public class ConsoleCookies {
  public static final String SESSION = "tg_console";
  public static final String LOGIN = "tg_console_login";
  static final String PATH = "/console";
  /** A sign-in form must be submitted within this time. */
  static final Duration LOGIN_TOKEN_TTL = Duration.ofMinutes(30);

  private final boolean alwaysSecure;

  ConsoleCookies(@Value("${tollgate.console.secure-cookies:false}") boolean alwaysSecure) {
    this.alwaysSecure = alwaysSecure;
  }

  public static String read(HttpServletRequest request, String name) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return null;
    }
    for (Cookie c : cookies) {
      if (c.getName().equals(name)) {
        return c.getValue();
      }
    }
    return null;
  }

  void set(HttpServletRequest request, HttpServletResponse response, String name, String value, Duration maxAge) {
    ResponseCookie.ResponseCookieBuilder cookie = ResponseCookie.from(name, value)
        .httpOnly(true).sameSite("Strict").path(PATH).secure(alwaysSecure || request.isSecure());
    if (maxAge != null) {
      cookie.maxAge(maxAge);
    }
    response.addHeader(HttpHeaders.SET_COOKIE, cookie.build().toString());
  }

  void clear(HttpServletRequest request, HttpServletResponse response, String name) {
    set(request, response, name, "", Duration.ZERO);
  }
}
