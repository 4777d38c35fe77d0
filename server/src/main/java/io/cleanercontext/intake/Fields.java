package io.cleanercontext.intake;

import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.contract.ServiceException;
import io.vertx.core.json.JsonObject;

/**
 * Reading fields of a JSON body; every failure is a 400 (or 413) naming the field at fault. Shared
 * by the intake and the API's other routes, so a field breaks the same way wherever it is sent.
 */
public final class Fields {
  private Fields() {}

  /** A required, non-blank string field. */
  public static String requiredString(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (value == null) {
      throw new ServiceException(ErrorCode.BAD_REQUEST, field + " is required", field);
    }
    if (!(value instanceof String s)) {
      throw new ServiceException(ErrorCode.BAD_REQUEST, field + " must be a string", field);
    }
    if (s.isBlank()) {
      throw new ServiceException(ErrorCode.BAD_REQUEST, field + " must not be empty", field);
    }
    return s;
  }

  public static String optionalString(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s)) {
      throw new ServiceException(ErrorCode.BAD_REQUEST, field + " must be a string", field);
    }
    return s;
  }

  public static Integer optionalInt(JsonObject json, String field, int min, int max) {
    Object value = json.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Number n)
        || n.doubleValue() != Math.rint(n.doubleValue())
        || n.longValue() < min
        || n.longValue() > max) {
      throw new ServiceException(
          ErrorCode.BAD_REQUEST,
          field + " must be an integer in [" + min + ", " + max + "]",
          field);
    }
    return n.intValue();
  }

  /** Text with control characters other than tab and newlines is refused rather than stored. */
  public static void checkText(String text, String field, int maxChars) {
    // Characters are code points: an emoji is one character, not two UTF-16 units.
    if (text.length() > maxChars && text.codePointCount(0, text.length()) > maxChars) {
      throw new ServiceException(
          ErrorCode.PAYLOAD_TOO_LARGE,
          field
              + " has "
              + text.codePointCount(0, text.length())
              + " characters; the limit is "
              + maxChars,
          field);
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r')
          || c == 0x7f
          || (Character.isSurrogate(c) && !validSurrogate(text, i))) {
        throw new ServiceException(
            ErrorCode.BAD_REQUEST,
            field + " contains a control character or broken UTF-16 at index " + i,
            field);
      }
      if (Character.isHighSurrogate(c)) {
        i++;
      }
    }
  }

  private static boolean validSurrogate(String text, int i) {
    return Character.isHighSurrogate(text.charAt(i))
        && i + 1 < text.length()
        && Character.isLowSurrogate(text.charAt(i + 1));
  }
}
