package io.cleanercontext.integrations;

import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.contract.ServiceException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMACs and comparisons the platforms' signature schemes use (JDK crypto: each scheme is one
 * HMAC over documented bytes, no library needed), compared in constant time.
 */
final class Signatures {
  private Signatures() {}

  static byte[] hmac(String algorithm, String secret, byte[] data) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " is not available", e);
    }
  }

  static String hmacSha256Hex(String secret, byte[] data) {
    return HexFormat.of().formatHex(hmac("HmacSHA256", secret, data));
  }

  static String hmacSha1Base64(String secret, byte[] data) {
    return Base64.getEncoder().encodeToString(hmac("HmacSHA1", secret, data));
  }

  /** Equal strings, compared without leaking where they differ; false when either is null. */
  static boolean same(String expected, String given) {
    if (expected == null || given == null) {
      return false;
    }
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }

  static ServiceException unauthorized(String message) {
    return new ServiceException(ErrorCode.UNAUTHORIZED, message);
  }

  /**
   * A relayed speech-to-text stream (Deepgram, AssemblyAI) is not signed by its vendor: the relay
   * proves it is the tenant's by sending the integration's secret in this header.
   */
  static final String SECRET_HEADER = "X-Integration-Secret";

  static void sharedSecret(HookRequest request, String secret) {
    String given = request.headers().get(SECRET_HEADER);
    if (given == null) {
      throw unauthorized("the " + SECRET_HEADER + " header is required");
    }
    if (!same(secret, given)) {
      throw unauthorized(
          "the " + SECRET_HEADER + " header does not match the integration's secret");
    }
  }
}
