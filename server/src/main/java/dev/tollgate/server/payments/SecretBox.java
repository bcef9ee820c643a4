package dev.tollgate.server.payments;

import dev.tollgate.server.config.TollgateProperties;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Encrypts payment secrets at rest with AES-256-GCM under TOLLGATE_SECRETS_KEY (validated at
 * start-up by {@link TollgateProperties.Payments}). A sealed value is {@code nonce (12 bytes) ||
 * ciphertext || tag (16 bytes)}; the field name is the associated data, so a ciphertext copied
 * into another column does not decrypt. Without a key nothing can be sealed: the settings API
 * refuses to store secrets then (409 {@code secrets_key_missing}).
 */
@Component
class SecretBox {
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final SecureRandom random;

  SecretBox(TollgateProperties properties, SecureRandom random) {
    String text = properties.payments().secretsKey();
    this.key = text == null ? null : new SecretKeySpec(Base64.getDecoder().decode(text), "AES");
    this.random = random;
  }

  boolean available() {
    return key != null;
  }

  byte[] seal(String field, String secret) {
    requireKey();
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(field.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
    }
  }

  /** The secret; throws when the key is missing or is not the one that sealed it. */
  String open(String field, byte[] sealed) {
    requireKey();
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
      cipher.updateAAD(field.getBytes(StandardCharsets.UTF_8));
      byte[] plain = cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (javax.crypto.AEADBadTagException e) {
      throw new IllegalStateException(
          "the stored " + field + " does not decrypt with TOLLGATE_SECRETS_KEY: the key changed; store the secret again");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
    }
  }

  private void requireKey() {
    if (key == null) {
      throw new IllegalStateException("TOLLGATE_SECRETS_KEY is not set");
    }
  }
}
