package io.cleanercontext.api;

import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.contract.ServiceException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/** Reading and checking request input; every failure names the field at fault. */
final class Requests {
  private Requests() {
  }

  /** The JSON object body; 415 when it is not declared JSON, 400 when it is not a JSON object. */
  static JsonObject jsonBody(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      throw new ServiceException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json");
    }
    Buffer body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      throw new ServiceException(ErrorCode.BAD_REQUEST, "the body is empty: a JSON object is expected");
    }
    if (!isUtf8(body.getBytes())) {
      throw new ServiceException(ErrorCode.BAD_REQUEST, "the body is not valid UTF-8");
    }
    Object parsed;
    try {
      parsed = body.toJsonValue();
    } catch (DecodeException | IllegalStateException e) {
      throw new ServiceException(ErrorCode.BAD_REQUEST, "the body is not valid JSON");
    }
    if (!(parsed instanceof JsonObject json)) {
      throw new ServiceException(ErrorCode.BAD_REQUEST, "the body must be a JSON object");
    }
    return json;
  }

  /**
   * Strict UTF-8: the JSON parser alone would turn overlong forms into characters (0xC0 0xAF into
   * '/') and broken sequences into replacement characters, storing what the client never sent.
   */
  static boolean isUtf8(byte[] bytes) {
    try {
      java.nio.charset.StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes));
      return true;
    } catch (java.nio.charset.CharacterCodingException e) {
      return false;
    }
  }

  static boolean isJson(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json");
  }

  static UUID uuidParam(RoutingContext ctx, String name) {
    String value = ctx.pathParam(name);
    try {
      UUID id = UUID.fromString(value);
      if (!id.toString().equalsIgnoreCase(value)) {
        throw new IllegalArgumentException();
      }
      return id;
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new ServiceException(ErrorCode.BAD_REQUEST, name + " must be a UUID, not '" + value + "'", name);
    }
  }

  static int intQuery(RoutingContext ctx, String name, int defaultValue, int min, int max) {
    String value = ctx.queryParams().get(name);
    if (value == null) {
      return defaultValue;
    }
    return (int) longIn(value, name, min, max);
  }

  static long longQuery(RoutingContext ctx, String name, long defaultValue, long min, long max) {
    String value = ctx.queryParams().get(name);
    return value == null ? defaultValue : longIn(value, name, min, max);
  }

  private static long longIn(String value, String name, long min, long max) {
    try {
      long n = Long.parseLong(value.strip());
      if (n < min || n > max) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new ServiceException(ErrorCode.BAD_REQUEST,
          name + " must be an integer in [" + min + ", " + max + "], not '" + value + "'", name);
    }
  }

  /** A required, non-blank string field. */
  static String requiredString(JsonObject json, String field) {
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

  static String optionalString(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s)) {
      throw new ServiceException(ErrorCode.BAD_REQUEST, field + " must be a string", field);
    }
    return s;
  }

  static Integer optionalInt(JsonObject json, String field, int min, int max) {
    Object value = json.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < min
        || n.longValue() > max) {
      throw new ServiceException(ErrorCode.BAD_REQUEST,
          field + " must be an integer in [" + min + ", " + max + "]", field);
    }
    return n.intValue();
  }

  /** Text with control characters other than tab and newlines is refused rather than stored. */
  static void checkText(String text, String field, int maxChars) {
    if (text.length() > maxChars) {
      throw new ServiceException(ErrorCode.PAYLOAD_TOO_LARGE,
          field + " has " + text.length() + " characters; the limit is " + maxChars, field);
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f
          || (Character.isSurrogate(c) && !validSurrogate(text, i))) {
        throw new ServiceException(ErrorCode.BAD_REQUEST,
            field + " contains a control character or broken UTF-16 at index " + i, field);
      }
      if (Character.isHighSurrogate(c)) {
        i++;
      }
    }
  }

  private static boolean validSurrogate(String text, int i) {
    return Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length()
        && Character.isLowSurrogate(text.charAt(i + 1));
  }
}
