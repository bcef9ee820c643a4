package dev.tollgate.server.portal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The portal's secrets (link tokens, customer tokens, session ids, CSRF tokens): 256 random bits,
 * URL-safe. Only their SHA-256 is stored; a secret with this much entropy needs no slow hash.
 */
final class PortalSecrets {
  /** 32 bytes: beyond guessing, as for API keys. */
  static final int SECRET_BYTES = 32;

  private PortalSecrets() {}

  static String issue(SecureRandom random) {
    byte[] bytes = new byte[SECRET_BYTES];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static byte[] sha256(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** Constant-time, so a CSRF check leaks nothing through its timing. */
  static boolean same(String expected, String presented) {
    if (expected == null || presented == null) {
      return false;
    }
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
  }
}
