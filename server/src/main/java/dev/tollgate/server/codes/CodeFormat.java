package dev.tollgate.server.codes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The shape of a redemption code: four groups of four characters, e.g. {@code K7QM-4XH2-PZ9C-R3WD},
 * from an alphabet without look-alikes (no 0/O, 1/I/L, no U), so a code read aloud or typed from
 * a card survives. 16 characters of 30 symbols carry 78 bits: guessing one live code among a
 * million takes ~2^58 tries, and the throttle allows 10 failures per 10 minutes.
 *
 * <p>Only the SHA-256 of the normalised code (upper case, no separators) is stored; it is also
 * the lookup key. A fast hash is right for the same reason as for API keys: the secret is random
 * and long, so there is nothing to brute-force offline. The first group is kept in clear as the
 * prefix people see in lists and search by; alone it identifies nothing.
 */
final class CodeFormat {
  static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
  static final int GROUPS = 4;
  static final int GROUP_LENGTH = 4;
  static final int LENGTH = GROUPS * GROUP_LENGTH;
  /** Longest text a client may present (separators and spaces included) before we look at it. */
  static final int PRESENTED_LENGTH_MAX = 64;

  private CodeFormat() {}

  /** A new code in display form (with dashes). */
  static String issue(RandomGenerator random) {
    StringBuilder out = new StringBuilder(LENGTH + GROUPS - 1);
    for (int i = 0; i < LENGTH; i++) {
      if (i > 0 && i % GROUP_LENGTH == 0) {
        out.append('-');
      }
      out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return out.toString();
  }

  /** Upper case, dashes and spaces removed; empty when it cannot be one of ours. */
  static Optional<String> normalise(String presented) {
    if (presented == null || presented.length() > PRESENTED_LENGTH_MAX) {
      return Optional.empty();
    }
    StringBuilder out = new StringBuilder(LENGTH);
    for (int i = 0; i < presented.length(); i++) {
      char c = Character.toUpperCase(presented.charAt(i));
      if (c == '-' || c == ' ') {
        continue;
      }
      if (ALPHABET.indexOf(c) < 0) {
        return Optional.empty();
      }
      out.append(c);
    }
    return out.length() == LENGTH ? Optional.of(out.toString()) : Optional.empty();
  }

  static String prefixOf(String normalised) {
    return normalised.substring(0, GROUP_LENGTH);
  }

  static byte[] sha256(String normalised) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(normalised.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
