package io.cleanercontext.security;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Webhook endpoint secrets as the Standard Webhooks specification writes them: {@code whsec_}
 * followed by the base64 of the key bytes. The receiver's reference libraries take the string as it
 * is, so the product hands out exactly this form.
 */
public final class WebhookSecrets {
  public static final String PREFIX = "whsec_";

  /** 24 random bytes (192 bits): within the specification's 24..64-byte range. */
  private static final int KEY_BYTES = 24;

  private static final SecureRandom RANDOM = new SecureRandom();

  private WebhookSecrets() {}

  public static String generate() {
    byte[] key = new byte[KEY_BYTES];
    RANDOM.nextBytes(key);
    return PREFIX + Base64.getEncoder().encodeToString(key);
  }

  /** The key bytes of a secret: the base64 after the prefix (the prefix is optional). */
  public static byte[] key(String secret) {
    String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
    return Base64.getDecoder().decode(encoded);
  }
}
