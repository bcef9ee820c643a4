package dev.tollgate.server.usage;

import java.security.SecureRandom;

/** Random ids with a readable prefix ({@code usg_}, {@code hld_}): 20 base62 characters, 119 bits. */
final class Ids {
  private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  static String next(String prefix) {
    char[] out = new char[20];
    for (int i = 0; i < out.length; i++) {
      out[i] = BASE62[RANDOM.nextInt(BASE62.length)];
    }
    return prefix + new String(out);
  }
}
