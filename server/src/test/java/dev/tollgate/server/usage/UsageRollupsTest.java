package dev.tollgate.server.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.Api;
import dev.tollgate.server.support.ServerTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Reports read quarter-hour rollups for whole buckets and the records for the window's partial
 * edges: for any window the totals equal a scan of every record.
 */
class UsageRollupsTest extends ServerTest {
  private static final Instant START = Instant.parse("2026-10-05T10:00:00Z");

  @Autowired JdbcClient jdbc;

  private record Setup(String account, String meter, List<Instant> times) {}

  /** 60 calls at seeded random instants over three hours, some exactly on bucket boundaries, one failed in ten. */
  private Setup settleSpread(long seed) {
    HotPathFixture fx = new HotPathFixture(api());
    String meter = uniqueId("rolled");
    fx.price(meter, "{\"mode\":\"token\",\"currency\":\"USD\",\"inputPer1M\":\"3.00\",\"outputPer1M\":\"15.00\","
        + "\"effectiveAt\":\"2026-01-01T00:00:00Z\"}");
    String acct = fx.account(uniqueId("rolled"));
    fx.credit(acct, "100.00");
    Random random = new Random(seed);
    List<Instant> times = new ArrayList<>();
    StringBuilder body = new StringBuilder("{\"events\":[");
    for (int i = 0; i < 60; i++) {
      Instant t = i % 7 == 0
          ? START.plus(Duration.ofMinutes(15L * random.nextInt(12)))
          : START.plusMillis(random.nextInt(3 * 3600 * 1000));
      times.add(t);
      body.append(i == 0 ? "" : ",").append("{\"requestId\":\"e").append(i).append("\",\"accountId\":\"").append(acct)
          .append("\",\"meter\":\"").append(meter).append("\",\"status\":\"").append(i % 10 == 9 ? "failed" : "success")
          .append("\",\"occurredAt\":\"").append(t).append("\",\"usage\":{\"inputTokens\":").append(1000 + i)
          .append(",\"outputTokens\":").append(10 * i).append("}}");
    }
    Api.Response r = api().post("/v1/usage:batch", body.append("]}").toString());
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return new Setup(acct, meter, times);
  }

  @Test
  void reportsEqualAScanOfEveryRecordForAnyWindow() {
    Setup s = settleSpread(42);
    Random random = new Random(7);
    for (int i = 0; i < 40; i++) {
      Instant from = START.minusSeconds(600).plusMillis(random.nextInt(3 * 3600 * 1000));
      Instant to = i % 5 == 0 ? from.plusMillis(1 + random.nextInt(20 * 60 * 1000))
          : from.plusMillis(random.nextInt(3 * 3600 * 1000));
      if (i % 8 == 0) {
        from = s.times().get(i);            // a window starting exactly at a call
        to = from.plus(Duration.ofMinutes(15));
      }
      if (!to.isAfter(from)) {
        continue;
      }
      JsonNode items = api().get("/v1/reports/usage?accountId=" + s.account() + "&groupBy=meter&from=" + from
          + "&to=" + to).json().get("items");
      var scan = jdbc.sql("""
              SELECT count(*) FILTER (WHERE status = 'success') AS calls, count(*) FILTER (WHERE status = 'failed') AS failed,
                     coalesce(sum(input_tokens), 0) AS input, coalesce(sum(amount_nanos), 0) AS amount
                FROM usage_records WHERE account_id = ? AND occurred_at >= ? AND occurred_at < ?""")
          .params(s.account(), java.sql.Timestamp.from(from), java.sql.Timestamp.from(to))
          .query((rs, n) -> new long[] {rs.getLong("calls"), rs.getLong("failed"), rs.getLong("input"), rs.getLong("amount")})
          .single();
      String window = "[" + from + ", " + to + ")";
      if (scan[0] + scan[1] == 0) {
        assertThat(items.size()).as(window).isZero();
        continue;
      }
      assertThat(items.size()).as(window).isEqualTo(1);
      JsonNode line = items.get(0);
      assertThat(line.get("calls").asLong()).as(window).isEqualTo(scan[0]);
      assertThat(line.get("failedCalls").asLong()).as(window).isEqualTo(scan[1]);
      assertThat(line.get("inputTokens").asLong()).as(window).isEqualTo(scan[2]);
      assertThat(dev.tollgate.core.money.Nanos.parse(line.get("amount").asString())).as(window).isEqualTo(scan[3]);
    }
  }

  @Test
  void aBatchKeepsOneRollupRowPerAccountMeterKeyAndQuarterHour() {
    Setup s = settleSpread(3);
    long buckets = s.times().stream().map(UsageRollups::bucketOf).distinct().count();
    assertThat(jdbc.sql("SELECT count(*) FROM usage_rollups WHERE account_id = ?").params(s.account())
        .query(Long.class).single()).isEqualTo(buckets);
    assertThat(jdbc.sql("SELECT sum(calls + failed) FROM usage_rollups WHERE account_id = ?").params(s.account())
        .query(Long.class).single()).isEqualTo(60);
  }
}
