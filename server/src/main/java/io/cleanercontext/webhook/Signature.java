package io.cleanercontext.webhook;

import io.cleanercontext.security.WebhookSecrets;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.StringJoiner;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code webhook-signature} header of the Standard Webhooks specification: {@code v1,} and the
 * base64 HMAC-SHA256 of {@code <webhook-id>.<webhook-timestamp>.<body>} keyed with the secret's
 * decoded bytes. During a secret rotation's overlap the message is signed with each secret, the
 * signatures separated by spaces, so a receiver holding either one verifies it.
 */
final class Signature {
  private Signature() {}

  static String header(List<String> secrets, String messageId, long timestampSeconds, String body) {
    StringJoiner header = new StringJoiner(" ");
    for (String secret : secrets) {
      header.add(sign(secret, messageId, timestampSeconds, body));
    }
    return header.toString();
  }

  static String sign(String secret, String messageId, long timestampSeconds, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(WebhookSecrets.key(secret), "HmacSHA256"));
      byte[] digest =
          mac.doFinal(
              (messageId + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
