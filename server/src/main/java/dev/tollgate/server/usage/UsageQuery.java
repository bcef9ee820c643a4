package dev.tollgate.server.usage;

import dev.tollgate.server.http.ApiException;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.HttpStatus;

/**
 * Filters of the usage log and reports: a half-open window {@code [from, to)} on when calls
 * occurred, at most {@link #SPAN_MAX} long so one query never scans years of records.
 */
public record UsageQuery(String rootId, String accountId, String apiKeyId, String meter, Instant from, Instant toExclusive) {
  /** A year and a day: a yearly report fits, a scan of all history does not. */
  public static final Duration SPAN_MAX = Duration.ofDays(366);
  /** Without {@code from}, a log or report looks back this far. */
  public static final Duration SPAN_DEFAULT = Duration.ofDays(31);

  public static UsageQuery of(String rootId, String accountId, String apiKeyId, String meter, Instant from, Instant to, Instant now) {
    Instant end = to != null ? to : now.plusSeconds(1);
    Instant start = from != null ? from : end.minus(SPAN_DEFAULT);
    if (!start.isBefore(end)) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "window_invalid", "from must be before to", "from");
    }
    if (Duration.between(start, end).compareTo(SPAN_MAX) > 0) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "window_too_long", "a window spans at most " + SPAN_MAX.toDays() + " days", "to");
    }
    return new UsageQuery(rootId, accountId, apiKeyId, meter, start, end);
  }
}
