package dev.tollgate.server.usage;

import java.security.SecureRandom;

/**
 * Random ids with a readable prefix ({@code usg_}, {@code hld_}): 20 base62 characters, 119 bits.
 * Hold ids are capabilities (renew and release name only the id), so they come from
 * {@link SecureRandom}: one draw of bytes per id, each character taken from 6 bits and redrawn when
 * they exceed 61 (no bias). One call instead of one per character: each call reads the kernel's
 * generator under a lock, and a settle makes one id.
 */
final class Ids {
  private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();
  static final int LENGTH = 20;
  /** 20 characters need 21 bytes on average; 32 run out about once in a billion ids. */
  private static final int BYTES_PER_DRAW = 32;

  private Ids() {}

  static String next(String prefix) {
    char[] out = new char[LENGTH];
    byte[] random = new byte[BYTES_PER_DRAW];
    RANDOM.nextBytes(random);
    int used = 0;
    for (int i = 0; i < LENGTH; ) {
      if (used == random.length) {
        RANDOM.nextBytes(random);
        used = 0;
      }
      int sixBits = random[used++] & 63;
      if (sixBits < BASE62.length) {
        out[i++] = BASE62[sixBits];
      }
    }
    return prefix + new String(out);
  }
}
