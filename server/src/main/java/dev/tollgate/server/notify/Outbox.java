package dev.tollgate.server.notify;

import java.time.InstantSource;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes notices in the caller's transaction. A notice whose dedupe key was written before is
 * skipped, so whoever detects a condition may report it every time it looks: it is sent once.
 * Delivery (webhook, e-mail, inbox) reads the outbox after commit.
 */
@Repository
public class Outbox {
  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final InstantSource clock;

  public Outbox(JdbcClient jdbc, JsonMapper json, InstantSource clock) {
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
  }

  /** Returns how many of the notices were new. */
  public int enqueue(List<Notice> notices) {
    if (notices.isEmpty()) {
      return 0;
    }
    int n = notices.size();
    String[] roots = new String[n], accounts = new String[n], kinds = new String[n], keys = new String[n];
    String[] payloads = new String[n], occurred = new String[n];
    for (int i = 0; i < n; i++) {
      Notice notice = notices.get(i);
      roots[i] = notice.rootId();
      accounts[i] = notice.accountId();
      kinds[i] = notice.kind();
      keys[i] = notice.dedupeKey();
      payloads[i] = json.writeValueAsString(notice.payload());
      occurred[i] = notice.occurredAt().toString();
    }
    return jdbc.sql("""
            INSERT INTO outbox (root_id, account_id, kind, dedupe_key, payload, occurred_at, created_at)
            SELECT r, a, k, d, p::jsonb, o::timestamptz, ?
              FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) AS t(r, a, k, d, p, o)
            ON CONFLICT (root_id, dedupe_key) DO NOTHING""")
        .params(dev.tollgate.server.store.SqlTime.of(clock.instant()), roots, accounts, kinds, keys, payloads, occurred)
        .update();
  }
}
