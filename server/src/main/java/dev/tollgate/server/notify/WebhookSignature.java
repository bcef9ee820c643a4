package dev.tollgate.server.notify;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Tollgate-Signature} header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "."
 * + body)>}. Signing the timestamp with the body lets a receiver refuse an old request replayed
 * later; {@code v1} names the scheme so a second one can be added beside it.
 */
public final class WebhookSignature {
  public static final String HEADER = "Tollgate-Signature";
  public static final String EVENT_ID_HEADER = "Tollgate-Event-Id";

  private WebhookSignature() {}

  public static String header(String secret, long unixSeconds, String body) {
    return "t=" + unixSeconds + ",v1=" + hmacHex(secret, unixSeconds + "." + body);
  }

  /** Whether {@code header} is a valid signature of {@code body} (constant-time compare). */
  public static boolean verify(String secret, String header, String body) {
    String t = null;
    String v1 = null;
    for (String part : header.split(",")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        String name = part.substring(0, eq).trim();
        String value = part.substring(eq + 1).trim();
        if (name.equals("t")) {
          t = value;
        } else if (name.equals("v1")) {
          v1 = value;
        }
      }
    }
    if (t == null || v1 == null) {
      return false;
    }
    return dev.tollgate.server.security.ConstantTime.sameSecret(hmacHex(secret, t + "." + body), v1);
  }

  static String hmacHex(String secret, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
