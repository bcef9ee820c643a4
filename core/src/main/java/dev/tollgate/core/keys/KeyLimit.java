package dev.tollgate.core.keys;

/**
 * How many live API keys a root account and its sub-accounts may hold together. Seed 002: "The
 * maximum number of API KEYS for root accounts and sub-accounts combined is 10."
 */
public record KeyLimit(int perRootMax) {
  public static final int SEED_PER_ROOT_MAX = 10;
  /** A sanity bound on configuration: more keys than this per family is a misconfiguration. */
  public static final int CONFIGURABLE_MAX = 10_000;

  public KeyLimit {
    if (perRootMax < 1 || perRootMax > CONFIGURABLE_MAX) {
      throw new IllegalArgumentException(
          "keys per root must be between 1 and " + CONFIGURABLE_MAX + ", was " + perRootMax);
    }
  }

  /** Whether one more key may be created when the family already has {@code liveKeys}. */
  public boolean allowsAnother(int liveKeys) {
    return liveKeys < perRootMax;
  }
}
