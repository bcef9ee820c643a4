package dev.tollgate.server.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Everything an operator configures, bound from the environment variables of API.md (see
 * application.yaml for the mapping). Out-of-range values stop the server at start-up with a
 * message naming the variable: a billing engine must not run on a silently clamped setting.
 */
@ConfigurationProperties(prefix = "tollgate")
public record TollgateProperties(
    Path dataDir,
    Db db,
    String adminToken,
    boolean testClock,
    Keys keys,
    Http http,
    Embedded embedded,
    Payments payments) {

  public TollgateProperties {
    if (dataDir == null) {
      dataDir = Path.of("data");
    }
    if (db == null) {
      db = new Db(null, null, null);
    }
    if (keys == null) {
      keys = new Keys(dev.tollgate.core.keys.KeyLimit.SEED_PER_ROOT_MAX);
    }
    if (http == null) {
      http = new Http(Http.BODY_BYTES_MAX_DEFAULT, null, null);
    }
    if (embedded == null) {
      embedded = new Embedded(true, null);
    }
    if (payments == null) {
      payments = new Payments(null, null, null, null, null);
    }
  }

  /** An external PostgreSQL; when {@code url} is blank, Tollgate embeds one in {@code dataDir}. */
  public record Db(String url, String user, String password) {
    public boolean external() {
      return url != null && !url.isBlank();
    }

    @Override
    public String toString() {
      return "Db[url=" + url + ", user=" + user + ", password=" + (password == null ? "unset" : "***") + "]";
    }
  }

  public record Keys(int perRootMax) {
    public Keys {
      if (perRootMax < 1 || perRootMax > dev.tollgate.core.keys.KeyLimit.CONFIGURABLE_MAX) {
        throw new IllegalArgumentException(
            "TOLLGATE_KEYS_PER_ROOT_MAX must be between 1 and "
                + dev.tollgate.core.keys.KeyLimit.CONFIGURABLE_MAX + ", was " + perRootMax);
      }
    }
  }

  /**
   * Body limits: {@code bodyBytesMax} for every request, except price imports, which get {@code
   * importBodyBytesMax} (TOLLGATE_IMPORT_BODY_BYTES_MAX). {@code trustedProxies}
   * (TOLLGATE_TRUSTED_PROXIES): the addresses of the load balancers or gateways in front of
   * Tollgate, whose {@code X-Forwarded-For} names the client ({@code http/TrustedProxies}); each an
   * IP address, at most {@link #TRUSTED_PROXIES_MAX}, kept in Java's canonical text form.
   */
  public record Http(long bodyBytesMax, Long importBodyBytesMax, java.util.List<String> trustedProxies) {
    /** Proxies named at most: a fleet of gateways, not a network. */
    public static final int TRUSTED_PROXIES_MAX = 32;
    /** 1 MiB: a full usage batch of 1,000 events is about 400 KiB. */
    public static final long BODY_BYTES_MAX_DEFAULT = 1L << 20;
    /** 16 MiB: LiteLLM's model_prices.json is 1.67 MB today; ten times that leaves years of growth. */
    public static final long IMPORT_BODY_BYTES_MAX_DEFAULT = 16L << 20;
    /** Bodies above 64 MiB would be held in memory whole; refuse such a setting. */
    public static final long BODY_BYTES_MAX_CEILING = 64L << 20;

    public Http {
      if (bodyBytesMax < 1024 || bodyBytesMax > BODY_BYTES_MAX_CEILING) {
        throw new IllegalArgumentException(
            "TOLLGATE_BODY_BYTES_MAX must be between 1024 and " + BODY_BYTES_MAX_CEILING + ", was " + bodyBytesMax);
      }
      if (importBodyBytesMax == null) {
        importBodyBytesMax = IMPORT_BODY_BYTES_MAX_DEFAULT;
      }
      if (importBodyBytesMax < bodyBytesMax || importBodyBytesMax > BODY_BYTES_MAX_CEILING) {
        throw new IllegalArgumentException(
            "TOLLGATE_IMPORT_BODY_BYTES_MAX must be between TOLLGATE_BODY_BYTES_MAX (" + bodyBytesMax + ") and "
                + BODY_BYTES_MAX_CEILING + ", was " + importBodyBytesMax);
      }
      trustedProxies = IpLiterals.canonical(trustedProxies, TRUSTED_PROXIES_MAX, "TOLLGATE_TRUSTED_PROXIES");
    }
  }

  /**
   * Settings of the embedded PostgreSQL. {@code durable} keeps fsync and synchronous commit on, as
   * an acknowledged settlement must survive a crash; only test suites turn it off.
   * {@code sharedBuffersMb} (TOLLGATE_DB_SHARED_BUFFERS_MB) is its page cache; unset, an eighth of
   * the machine's memory between 128 MiB and 1 GiB. PostgreSQL's own default, 128 MiB, holds the
   * indexes of a few hundred thousand usage records; past that every settle reads and writes
   * pages through the kernel (BENCHMARKS.md, run 9).
   */
  public record Embedded(boolean durable, Integer sharedBuffersMb) {
    public static final int SHARED_BUFFERS_MB_MIN = 16;
    public static final int SHARED_BUFFERS_MB_MAX = 65_536;
    static final int SHARED_BUFFERS_MB_DEFAULT_FLOOR = 128;
    static final int SHARED_BUFFERS_MB_DEFAULT_CEILING = 1024;

    public Embedded {
      if (sharedBuffersMb == null) {
        sharedBuffersMb = defaultSharedBuffersMb(physicalMemoryBytes());
      }
      if (sharedBuffersMb < SHARED_BUFFERS_MB_MIN || sharedBuffersMb > SHARED_BUFFERS_MB_MAX) {
        throw new IllegalArgumentException("TOLLGATE_DB_SHARED_BUFFERS_MB must be between " + SHARED_BUFFERS_MB_MIN
            + " and " + SHARED_BUFFERS_MB_MAX + ", was " + sharedBuffersMb);
      }
    }

    static int defaultSharedBuffersMb(long memoryBytes) {
      long eighthMb = memoryBytes / 8 / (1 << 20);
      return (int) Math.max(SHARED_BUFFERS_MB_DEFAULT_FLOOR, Math.min(SHARED_BUFFERS_MB_DEFAULT_CEILING, eighthMb));
    }

    private static long physicalMemoryBytes() {
      // A container's limit where there is one (the JDK reads cgroups).
      return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
          .getTotalMemorySize();
    }
  }

  /**
   * Payment secrets from the environment. {@code secretsKey} (TOLLGATE_SECRETS_KEY, base64 of 32
   * bytes) encrypts the secrets stored with the payment settings; the others, when set, take
   * precedence over the stored settings. {@code stripeToleranceSeconds} bounds the age of a
   * Stripe signature (TOLLGATE_STRIPE_TOLERANCE_SECONDS).
   */
  public record Payments(
      String secretsKey, String stripeSecretKey, String stripeWebhookSecret, String epayKey,
      Long stripeToleranceSeconds) {
    /** Stripe's own default tolerance. */
    public static final long STRIPE_TOLERANCE_SECONDS_DEFAULT = 300;
    /** An hour: older signatures are replays, not retries (Stripe retries with a fresh signature). */
    public static final long STRIPE_TOLERANCE_SECONDS_MAX = 3600;
    public static final int SECRETS_KEY_BYTES = 32;

    public Payments {
      secretsKey = blankToNull(secretsKey);
      stripeSecretKey = blankToNull(stripeSecretKey);
      stripeWebhookSecret = blankToNull(stripeWebhookSecret);
      epayKey = blankToNull(epayKey);
      if (secretsKey != null) {
        byte[] key;
        try {
          key = java.util.Base64.getDecoder().decode(secretsKey);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("TOLLGATE_SECRETS_KEY must be base64 (of 32 random bytes); it is not valid base64");
        }
        if (key.length != SECRETS_KEY_BYTES) {
          throw new IllegalArgumentException(
              "TOLLGATE_SECRETS_KEY must be base64 of exactly 32 bytes (AES-256), was " + key.length + " bytes");
        }
      }
      if (stripeToleranceSeconds == null) {
        stripeToleranceSeconds = STRIPE_TOLERANCE_SECONDS_DEFAULT;
      }
      if (stripeToleranceSeconds < 1 || stripeToleranceSeconds > STRIPE_TOLERANCE_SECONDS_MAX) {
        throw new IllegalArgumentException("TOLLGATE_STRIPE_TOLERANCE_SECONDS must be between 1 and "
            + STRIPE_TOLERANCE_SECONDS_MAX + ", was " + stripeToleranceSeconds);
      }
    }

    private static String blankToNull(String s) {
      return s == null || s.isBlank() ? null : s.trim();
    }

    @Override
    public String toString() {
      return "Payments[secretsKey=" + (secretsKey == null ? "unset" : "***") + ", stripeSecretKey="
          + (stripeSecretKey == null ? "unset" : "***") + ", stripeWebhookSecret="
          + (stripeWebhookSecret == null ? "unset" : "***") + ", epayKey=" + (epayKey == null ? "unset" : "***")
          + ", stripeToleranceSeconds=" + stripeToleranceSeconds + "]";
    }
  }

  @Override
  public String toString() {
    return "TollgateProperties[dataDir=" + dataDir + ", db=" + db + ", adminToken="
        + (adminToken == null || adminToken.isBlank() ? "unset" : "***") + ", testClock=" + testClock
        + ", keys=" + keys + ", http=" + http + ", embedded=" + embedded
        + ", payments=" + payments + "]";
  }
}
