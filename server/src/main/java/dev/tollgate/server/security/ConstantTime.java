package dev.tollgate.server.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Compares secrets (signatures, tokens) in time that depends on neither their content nor the
 * presented length: both sides are hashed to 32 bytes first and compared with {@link
 * MessageDigest#isEqual}. {@code String.equals} stops at the first difference, which a patient
 * attacker can time; SourceScanTest refuses it on secret-named values in security code.
 */
public final class ConstantTime {
  private ConstantTime() {}

  public static boolean sameSecret(String expected, String presented) {
    if (expected == null || presented == null) {
      return false;
    }
    return MessageDigest.isEqual(sha256(expected), sha256(presented));
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
