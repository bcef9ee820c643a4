package dev.tollgate.server.portal;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

/**
 * The portal's two cookies, both HttpOnly, SameSite=Strict, Path=/portal, and Secure when the
 * request came over HTTPS: the session id, and the login form's CSRF token (double-submit, since
 * there is no session yet to hold a synchronizer token). Why Strict works for signed links too:
 * README.md, "Cookies".
 */
final class PortalCookies {
  static final String SESSION = "tollgate_portal";
  static final String LOGIN_CSRF = "tollgate_portal_login";
  static final String PATH = "/portal";

  private PortalCookies() {}

  /** A session cookie without Max-Age: the browser drops it when closed; the server's timeouts bound it anyway. */
  static void setSession(HttpServletResponse response, HttpServletRequest request, String value) {
    add(response, cookie(SESSION, value, request).build());
  }

  static void clearSession(HttpServletResponse response, HttpServletRequest request) {
    add(response, cookie(SESSION, "", request).maxAge(Duration.ZERO).build());
  }

  static void setLoginCsrf(HttpServletResponse response, HttpServletRequest request, String value) {
    add(response, cookie(LOGIN_CSRF, value, request).maxAge(PortalSessions.IDLE_TIMEOUT).build());
  }

  static String read(HttpServletRequest request, String name) {
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

  private static ResponseCookie.ResponseCookieBuilder cookie(String name, String value, HttpServletRequest request) {
    return ResponseCookie.from(name, value).httpOnly(true).sameSite("Strict").path(PATH).secure(request.isSecure());
  }

  private static void add(HttpServletResponse response, ResponseCookie cookie) {
    response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
  }
}
