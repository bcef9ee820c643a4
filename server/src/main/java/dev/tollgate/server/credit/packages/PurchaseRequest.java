package dev.tollgate.server.credit.packages;

import dev.tollgate.server.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A purchase, renewal or upgrade request, checked before anything is read.
 *
 * @param purpose purchase, renewal or upgrade: one key names one of them, never two
 * @param target the package bought, or the purchase renewed
 */
record PurchaseRequest(String purpose, String target, int quantity, String idempotencyKey) {
  /** Packages per purchase: seed 004 buys "3 × 10,000"; a thousand is far beyond any real basket. */
  static final int QUANTITY_MAX = 1000;
  /** Long enough for a UUID with a prefix, short enough to index cheaply (as grants' keys). */
  static final int KEY_LENGTH_MAX = 128;

  static PurchaseRequest check(String purpose, String target, String targetField, Integer quantity, String key) {
    if (target == null) {
      throw ApiException.missingField(targetField);
    }
    int checkedQuantity = quantity == null ? 1 : quantity;
    if (checkedQuantity < 1 || checkedQuantity > QUANTITY_MAX) {
      throw PackageRejection.QUANTITY_INVALID.exception("quantity");
    }
    if (key == null) {
      throw ApiException.missingField("idempotencyKey");
    }
    if (key.isEmpty() || key.length() > KEY_LENGTH_MAX) {
      throw PackageRejection.IDEMPOTENCY_KEY_INVALID.exception("idempotencyKey");
    }
    return new PurchaseRequest(purpose, target, checkedQuantity, key);
  }

  /** What a retry with the same key must repeat. */
  String digest() {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest((purpose + "|" + target + "|" + quantity).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
