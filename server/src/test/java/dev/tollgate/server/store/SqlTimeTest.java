package dev.tollgate.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.ServerTest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Timestamps sent as epoch microseconds come back as the instant, to the microsecond. */
class SqlTimeTest extends ServerTest {
  @Autowired JdbcClient jdbc;

  @ParameterizedTest(name = "{0} is stored as {1}")
  @CsvSource({
      "2026-11-22T19:08:48.620777Z,           2026-11-22T19:08:48.620777Z",
      "2026-11-22T19:08:48Z,                  2026-11-22T19:08:48Z",
      "2026-11-22T19:08:48.620777499Z,        2026-11-22T19:08:48.620777Z",
      "2026-11-22T19:08:48.620777500Z,        2026-11-22T19:08:48.620778Z",
      "2026-11-22T23:59:59.999999500Z,        2026-11-23T00:00:00Z",
      "1969-12-31T23:59:59.999999Z,           1969-12-31T23:59:59.999999Z",
      "2254-12-31T23:59:59.999999Z,           2254-12-31T23:59:59.999999Z",
  })
  void anInstantSentAsEpochMicrosecondsReadsBackRoundedToTheMicrosecond(Instant sent, Instant stored) {
    long micros = SqlTime.epochMicros(sent);
    List<Instant> back = jdbc.sql("SELECT timestamptz 'epoch' + x * interval '1 microsecond' AS t FROM unnest(?::bigint[]) AS u(x)")
        .params((Object) new long[] {micros})
        .query((rs, n) -> SqlTime.read(rs, "t"))
        .list();
    assertThat(back).containsExactly(stored);
  }
}
