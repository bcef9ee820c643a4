package dev.tollgate.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.ServerTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class OutboxTest extends ServerTest {
  @Autowired Outbox outbox;
  @Autowired JdbcClient jdbc;

  @Test
  void writesANoticeOnceHoweverOftenItIsReported() {
    String key = "credit_threshold:" + uniqueId("grant") + ":10:2026-11";
    Notice notice = new Notice("acme", "acme", "credit_threshold", key, Map.of("remainingPercent", 10),
        Instant.parse("2026-11-05T10:00:00Z"));
    assertThat(outbox.enqueue(List.of(notice))).isEqualTo(1);
    assertThat(outbox.enqueue(List.of(notice, notice))).isZero();
    assertThat(jdbc.sql("SELECT count(*) FROM outbox WHERE dedupe_key = ?").params(key).query(Integer.class).single())
        .isEqualTo(1);
  }
}
