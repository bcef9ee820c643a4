package dev.tollgate.server.portal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/** Instants as the pages show them: to the minute, in the account's time zone (templates: {@code @portalTime}). */
@Component("portalTime")
class PortalTime {
  private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  public String at(Instant instant, String zone) {
    return instant == null ? "" : MINUTES.format(instant.atZone(ZoneId.of(zone)));
  }

  public String seconds(Instant instant, String zone) {
    return instant == null ? "" : SECONDS.format(instant.atZone(ZoneId.of(zone)));
  }
}
