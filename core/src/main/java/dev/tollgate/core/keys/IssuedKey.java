package dev.tollgate.core.keys;

/**
 * A key at the moment it is made: the only time its full text exists. The caller shows {@code key}
 * once and stores {@code prefix} and {@code sha256}.
 */
public record IssuedKey(String prefix, String key, byte[] sha256) {
  @Override
  public String toString() {
    // Never let the secret reach a log line through string concatenation.
    return "IssuedKey[prefix=" + prefix + "]";
  }
}
