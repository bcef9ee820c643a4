package dev.tollgate.server.security;

import dev.tollgate.core.keys.ApiKeyFormat;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The operator's admin token. From {@code TOLLGATE_ADMIN_TOKEN} when set; otherwise generated on
 * the first start, printed once to standard output (never to the log), and only its SHA-256 kept
 * in the database, so later starts and other nodes verify it without knowing it.
 */
public final class AdminToken {
  private static final Logger log = LoggerFactory.getLogger(AdminToken.class);
  static final String GENERATED_PREFIX = "tga_";
  /** Tokens shorter than this are refused as configuration: they can be guessed. */
  public static final int CONFIGURED_LENGTH_MIN = 16;

  private final byte[] sha256;

  private AdminToken(byte[] sha256) {
    this.sha256 = sha256;
  }

  /** Whether {@code presented} is the admin token; constant time in its content. */
  public boolean matches(String presented) {
    return presented != null && MessageDigest.isEqual(ApiKeyFormat.sha256(presented), sha256);
  }

  public static AdminToken resolve(String configured, JdbcClient jdbc, SecureRandom random) {
    if (configured != null && !configured.isBlank()) {
      if (configured.length() < CONFIGURED_LENGTH_MIN) {
        throw new IllegalArgumentException(
            "TOLLGATE_ADMIN_TOKEN must be at least " + CONFIGURED_LENGTH_MIN + " characters long");
      }
      return new AdminToken(ApiKeyFormat.sha256(configured));
    }
    Optional<byte[]> stored = load(jdbc);
    if (stored.isPresent()) {
      return new AdminToken(stored.get());
    }
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    String token = GENERATED_PREFIX + HexFormat.of().formatHex(secret);
    int inserted = jdbc.sql("INSERT INTO admin_token (id, token_sha256) VALUES (1, :hash) ON CONFLICT (id) DO NOTHING")
        .param("hash", ApiKeyFormat.sha256(token))
        .update();
    if (inserted == 0) {
      // Another node generated one at the same moment; theirs is the token.
      return new AdminToken(load(jdbc).orElseThrow());
    }
    printOnce(token);
    return new AdminToken(ApiKeyFormat.sha256(token));
  }

  private static Optional<byte[]> load(JdbcClient jdbc) {
    return jdbc.sql("SELECT token_sha256 FROM admin_token WHERE id = 1").query(byte[].class).optional();
  }

  @SuppressWarnings("java:S106") // standard output on purpose: the log must never hold the token
  private static void printOnce(String token) {
    log.warn("generated an admin token; it is printed once on standard output and stored only as a hash");
    System.out.println();
    System.out.println("=================================================================");
    System.out.println(" Tollgate admin token (shown once, store it now):");
    System.out.println("   " + token);
    System.out.println(" Use it as: Authorization: Bearer <token>");
    System.out.println("=================================================================");
    System.out.println();
    System.out.flush();
  }
}
