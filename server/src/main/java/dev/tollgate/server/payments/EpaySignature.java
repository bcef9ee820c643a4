package dev.tollgate.server.payments;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * EPay's MD5 signature: the parameters other than {@code sign} and {@code sign_type} with a
 * non-empty value, sorted by name (byte order), joined as {@code a=1&b=2} without URL encoding,
 * followed directly by the merchant key; the MD5 of that in lowercase hex. MD5 is EPay's
 * protocol, not our choice: the key is the secret, and comparison is constant-time.
 */
final class EpaySignature {
  private EpaySignature() {}

  static String sign(Map<String, String> params, String key) {
    var sorted = new TreeMap<String, String>();
    params.forEach((name, value) -> {
      if (!name.equals("sign") && !name.equals("sign_type") && value != null && !value.isEmpty()) {
        sorted.put(name, value);
      }
    });
    StringBuilder text = new StringBuilder();
    sorted.forEach((name, value) -> {
      if (text.length() > 0) {
        text.append('&');
      }
      text.append(name).append('=').append(value);
    });
    text.append(key);
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has MD5", e);
    }
  }

  static boolean verify(Map<String, String> params, String key) {
    String presented = params.get("sign");
    if (presented == null || presented.isEmpty()) {
      return false;
    }
    String expected = sign(params, key);
    return dev.tollgate.server.security.ConstantTime.sameSecret(expected, presented.toLowerCase(java.util.Locale.ROOT));
  }
}
