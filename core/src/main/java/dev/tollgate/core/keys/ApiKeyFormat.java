package dev.tollgate.core.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The shape of an API key: {@code tg_<prefix>_<secret>}, e.g. {@code tg_7Kq2mXv9aB3d_…}.
 *
 * <p>The prefix (12 base62 characters, 71 bits) is public: it is stored in clear, shown in lists
 * and used to find the key with one unique-index lookup. The secret (32 base62 characters, 190
 * bits) is never stored; only the SHA-256 of the whole key is. A fast hash is right here, unlike
 * for passwords: the secret is random and long, so there is nothing to brute-force, and the
 * check runs on every gateway call.
 */
public final class ApiKeyFormat {
  public static final String SCHEME = "tg_";
  public static final int PREFIX_LENGTH = 12;
  public static final int SECRET_LENGTH = 32;
  /** {@code tg_} + prefix + {@code _} + secret. */
  public static final int KEY_LENGTH = SCHEME.length() + PREFIX_LENGTH + 1 + SECRET_LENGTH;

  private static final char[] BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

  // MessageDigest is not thread-safe and getInstance costs a provider lookup: one per thread.
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("every Java runtime has SHA-256", e);
            }
          });

  private ApiKeyFormat() {}

  /** A new key from a cryptographically strong generator. */
  public static IssuedKey issue(RandomGenerator random) {
    String prefix = SCHEME + randomBase62(random, PREFIX_LENGTH);
    String key = prefix + "_" + randomBase62(random, SECRET_LENGTH);
    return new IssuedKey(prefix, key, sha256(key));
  }

  /**
   * Splits a presented key into its lookup prefix, or empty when it cannot be one of ours. Cheap
   * and allocation-light: it runs before any database access, so garbage input costs nothing.
   */
  public static Optional<String> prefixOf(String presented) {
    if (presented == null || presented.length() != KEY_LENGTH || !presented.startsWith(SCHEME)) {
      return Optional.empty();
    }
    int separator = SCHEME.length() + PREFIX_LENGTH;
    if (presented.charAt(separator) != '_') {
      return Optional.empty();
    }
    for (int i = SCHEME.length(); i < presented.length(); i++) {
      if (i != separator && !isBase62(presented.charAt(i))) {
        return Optional.empty();
      }
    }
    return Optional.of(presented.substring(0, separator));
  }

  /** Whether {@code presented} hashes to {@code storedSha256}, compared in constant time. */
  public static boolean matches(String presented, byte[] storedSha256) {
    return MessageDigest.isEqual(sha256(presented), storedSha256);
  }

  public static byte[] sha256(String text) {
    MessageDigest digest = SHA256.get();
    digest.reset();
    return digest.digest(text.getBytes(StandardCharsets.US_ASCII));
  }

  static String randomBase62(RandomGenerator random, int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = BASE62[random.nextInt(BASE62.length)];
    }
    return new String(out);
  }

  private static boolean isBase62(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }
}
