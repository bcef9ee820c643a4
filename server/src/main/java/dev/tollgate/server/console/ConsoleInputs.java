package dev.tollgate.server.console;

import dev.tollgate.server.http.ApiException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.springframework.web.util.UriComponentsBuilder;

/** Form fields as the services want them: blanks are absent, instants are ISO or a UTC date-time. */
public final class ConsoleInputs {
  private ConsoleInputs() {}

  public static String text(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  /** {@code 2026-11-01T10:00:00Z}, or a browser's {@code 2026-11-01T10:00} read as UTC; blank is null. */
  public static Instant instant(String value, String field) {
    String text = text(value);
    if (text == null) {
      return null;
    }
    try {
      return text.endsWith("Z") || text.contains("+") ? Instant.parse(text) : LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw ApiException.invalidField(field, "instant_invalid",
          field + " is a date-time like 2026-11-01T10:00 (UTC) or 2026-11-01T10:00:00Z");
    }
  }

  /** A link to {@code path} with the non-blank parameters given as name, value pairs. */
  public static String link(String path, String... namesAndValues) {
    UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      if (text(namesAndValues[i + 1]) != null) {
        uri.queryParam(namesAndValues[i], namesAndValues[i + 1]);
      }
    }
    return uri.encode().build().toUriString();
  }
}
