package dev.tollgate.server.console;

import dev.tollgate.core.keys.ApiKeyFormat;
import dev.tollgate.server.store.SqlTime;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Console sessions in PostgreSQL, so every node sees them. The cookie holds a random id; only its
 * SHA-256 is stored. A session ends after {@link #IDLE_TIMEOUT} without a request, after
 * {@link #ABSOLUTE_TIMEOUT} in all, on sign-out, or when its operator is disabled.
 */
@Service
public class ConsoleSessions {
  public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);
  public static final Duration ABSOLUTE_TIMEOUT = Duration.ofHours(12);
  /** last_seen_at is written at most this often, so reading pages does not write on every request. */
  static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

  private final JdbcClient jdbc;
  private final InstantSource clock;
  private final SecureRandom random;

  ConsoleSessions(JdbcClient jdbc, InstantSource clock, SecureRandom random) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.random = random;
  }

  /** Starts a session for {@code operatorName} ({@code admin} for the admin token); returns the cookie value. */
  public String start(String operatorName) {
    Instant now = clock.instant();
    jdbc.sql("DELETE FROM console_sessions WHERE last_seen_at < ?").param(SqlTime.of(now.minus(IDLE_TIMEOUT))).update();
    String id = randomToken();
    jdbc.sql("""
            INSERT INTO console_sessions (id_sha256, operator_name, csrf_token, created_at, last_seen_at)
            VALUES (?, ?, ?, ?, ?)""")
        .params(ApiKeyFormat.sha256(id), operatorName, randomToken(), SqlTime.of(now), SqlTime.of(now)).update();
    return id;
  }

  /** The signed-in user of a live session, its role read now; an expired or disabled one is deleted. */
  public Optional<ConsoleUser> resume(String id) {
    if (id == null || id.isEmpty() || id.length() > 100) {
      return Optional.empty();
    }
    byte[] hash = ApiKeyFormat.sha256(id);
    Instant now = clock.instant();
    record Row(String operatorName, String csrf, Instant createdAt, Instant lastSeenAt, String role, boolean enabled) {}
    Optional<Row> row = jdbc.sql("""
            SELECT s.operator_name, s.csrf_token, s.created_at, s.last_seen_at, o.role,
                   (o.name IS NOT NULL AND o.disabled_at IS NULL) AS enabled
              FROM console_sessions s LEFT JOIN operators o ON o.name = s.operator_name
             WHERE s.id_sha256 = ?""")
        .param(hash)
        .query((rs, n) -> new Row(rs.getString("operator_name"), rs.getString("csrf_token"),
            SqlTime.read(rs, "created_at"), SqlTime.read(rs, "last_seen_at"), rs.getString("role"),
            rs.getBoolean("enabled")))
        .optional();
    if (row.isEmpty()) {
      return Optional.empty();
    }
    Row r = row.get();
    boolean admin = r.operatorName().equals(ConsoleUser.ADMIN);
    boolean expired = !now.isBefore(r.lastSeenAt().plus(IDLE_TIMEOUT)) || !now.isBefore(r.createdAt().plus(ABSOLUTE_TIMEOUT));
    if (expired || (!admin && !r.enabled())) {
      end(id);
      return Optional.empty();
    }
    if (!now.isBefore(r.lastSeenAt().plus(TOUCH_INTERVAL))) {
      jdbc.sql("UPDATE console_sessions SET last_seen_at = ? WHERE id_sha256 = ?").params(SqlTime.of(now), hash).update();
    }
    Role role = admin ? Role.ADMINISTRATOR : Role.of(r.role()).orElseThrow();
    return Optional.of(new ConsoleUser(r.operatorName(), role, admin, r.csrf()));
  }

  public void end(String id) {
    if (id != null) {
      jdbc.sql("DELETE FROM console_sessions WHERE id_sha256 = ?").param(ApiKeyFormat.sha256(id)).update();
    }
  }

  String randomToken() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
