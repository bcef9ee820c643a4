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
    Embedded embedded) {

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
      http = new Http(Http.BODY_BYTES_MAX_DEFAULT, null);
    }
    if (embedded == null) {
      embedded = new Embedded(true);
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
   * importBodyBytesMax} (TOLLGATE_IMPORT_BODY_BYTES_MAX).
   */
  public record Http(long bodyBytesMax, Long importBodyBytesMax) {
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
    }
  }

  /**
   * Settings of the embedded PostgreSQL. {@code durable} keeps fsync and synchronous commit on, as
   * an acknowledged settlement must survive a crash; only test suites turn it off.
   */
  public record Embedded(boolean durable) {}

  @Override
  public String toString() {
    return "TollgateProperties[dataDir=" + dataDir + ", db=" + db + ", adminToken="
        + (adminToken == null || adminToken.isBlank() ? "unset" : "***") + ", testClock=" + testClock
        + ", keys=" + keys + ", http=" + http + ", embedded=" + embedded + "]";
  }
}
