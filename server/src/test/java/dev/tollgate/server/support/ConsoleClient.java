package dev.tollgate.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A browser without JavaScript for console tests: cookies kept, forms posted as urlencoded. */
public final class ConsoleClient {
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private final String base;
  private final HttpClient http;

  public ConsoleClient(String base) {
    this.base = base;
    this.http = HttpClient.newBuilder().cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
  }

  public record Page(int status, String body, HttpResponse<String> response) {
    public String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }

    /** The CSRF token of the first form on the page. */
    public String csrf() {
      Matcher m = CSRF.matcher(body);
      if (!m.find()) {
        throw new AssertionError("no _csrf field on the page:\n" + body);
      }
      return m.group(1);
    }
  }

  /** Signs in through the form; answers the page after sign-in (redirects followed). */
  public Page signIn(String token) {
    Page form = get("/console/login");
    return post("/console/login", Map.of("token", token, "_csrf", form.csrf()));
  }

  public Page get(String path) {
    return follow(send(HttpRequest.newBuilder(URI.create(base + path)).GET()));
  }

  /** Posts a form; without "_csrf" in {@code fields} the request carries no token. */
  public Page post(String path, Map<String, String> fields) {
    return post(path, fields, Map.of());
  }

  /** Posts a form with extra request headers (htmx sends its CSRF token as one). */
  public Page post(String path, Map<String, String> fields, Map<String, String> headers) {
    String body = new LinkedHashMap<>(fields).entrySet().stream()
        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return follow(send(request));
  }

  /** Posts a form with the CSRF token of the page at {@code formPath}. */
  public Page submit(String formPath, String action, Map<String, String> fields) {
    Map<String, String> withToken = new LinkedHashMap<>(fields);
    withToken.put("_csrf", get(formPath).csrf());
    return post(action, withToken);
  }

  private Page follow(Page page) {
    int hops = 0;
    while ((page.status() == 302 || page.status() == 303) && hops++ < 5) {
      String location = page.header("Location");
      URI next = URI.create(base).resolve(location);
      page = send(HttpRequest.newBuilder(next).GET());
    }
    return page;
  }

  private Page send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
      return new Page(r.statusCode(), r.body(), r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
