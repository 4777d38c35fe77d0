package io.cleanercontext.intake;

import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.contract.ServiceException;
import io.cleanercontext.contract.TurnSubmission;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * An idempotency key as the client sent it (the {@code Idempotency-Key} header, or {@code
 * idempotency_key} on a bridge submit), checked: 1 to 255 printable ASCII characters.
 */
record IdempotencyKey(String value) {
  /** Longest key accepted. */
  static final int MAX_LENGTH = 255;

  /** The checked key, or null when none was sent; {@code field} names the header or field. */
  static IdempotencyKey of(String value, String field) {
    if (value == null) {
      return null;
    }
    boolean printable =
        !value.isBlank()
            && value.length() <= MAX_LENGTH
            && value.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
    if (!printable) {
      throw new ServiceException(
          ErrorCode.BAD_REQUEST,
          field + " must be 1 to " + MAX_LENGTH + " printable ASCII characters",
          field);
    }
    return new IdempotencyKey(value);
  }

  /**
   * What makes two requests the same: the kind of request and each validated turn's fields (not its
   * server-chosen id). A retry with another body is told apart by this hash.
   */
  String requestHash(String kind, List<TurnSubmission> submissions) {
    StringBuilder canonical = new StringBuilder(kind);
    for (TurnSubmission s : submissions) {
      canonical
          .append('\0')
          .append(s.speaker())
          .append('\0')
          .append(s.rawText())
          .append('\0')
          .append(s.cleaningLevel())
          .append('\0')
          .append(s.windowSize())
          .append('\0')
          .append(s.replyTo() != null);
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
