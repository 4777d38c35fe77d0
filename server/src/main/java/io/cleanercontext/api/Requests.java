package io.cleanercontext.api;

import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.contract.ServiceException;
import io.cleanercontext.security.StrictJson;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Reading and checking request input (the body, headers, path and query parameters); a body's
 * fields are read with {@code intake.Fields}, as the intake reads them. Every failure names the
 * field at fault.
 */
final class Requests {
  private Requests() {}

  /**
   * The JSON object body, read strictly ({@link StrictJson}); 415 when it is not declared {@code
   * application/json} (exactly, with no charset or {@code charset=utf-8}), 400 naming the problem
   * when it is not a JSON object.
   */
  static JsonObject jsonBody(RoutingContext ctx) {
    checkJsonType(ctx.request().getHeader("Content-Type"));
    Buffer body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      throw new ServiceException(
          ErrorCode.BAD_REQUEST, "the body is empty: a JSON object is expected");
    }
    Object parsed;
    try {
      parsed = StrictJson.parse(body.getBytes());
    } catch (StrictJson.Invalid e) {
      throw e.field() == null
          ? new ServiceException(ErrorCode.BAD_REQUEST, "the body is " + e.getMessage())
          : new ServiceException(ErrorCode.BAD_REQUEST, e.getMessage(), e.field());
    }
    if (!(parsed instanceof JsonObject json)) {
      throw new ServiceException(ErrorCode.BAD_REQUEST, "the body must be a JSON object");
    }
    return json;
  }

  /**
   * The media type must be exactly application/json; a charset other than UTF-8 is refused, not
   * ignored.
   */
  static void checkJsonType(String header) {
    if (header == null) {
      throw new ServiceException(
          ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json");
    }
    String[] parts = header.split(";");
    String media = parts[0].strip().toLowerCase(Locale.ROOT);
    if (!media.equals("application/json")) {
      throw new ServiceException(
          ErrorCode.UNSUPPORTED_MEDIA_TYPE,
          "Content-Type must be application/json, not '" + abbreviate(media) + "'");
    }
    for (int i = 1; i < parts.length; i++) {
      String[] param = parts[i].split("=", 2);
      if (param[0].strip().equalsIgnoreCase("charset")) {
        String charset = param.length < 2 ? "" : param[1].strip().replace("\"", "");
        if (!charset.equalsIgnoreCase("utf-8")) {
          throw new ServiceException(
              ErrorCode.UNSUPPORTED_MEDIA_TYPE,
              "charset '"
                  + abbreviate(charset)
                  + "' is not supported: the body must be UTF-8 (charset=utf-8 or none)");
        }
      }
    }
  }

  /**
   * A request header that may be sent at most once, or null: a header sent twice is 400 naming it
   * (which of two values is meant cannot be guessed).
   */
  static String singleHeader(RoutingContext ctx, String name) {
    List<String> values = ctx.request().headers().getAll(name);
    if (values.size() > 1) {
      throw new ServiceException(ErrorCode.BAD_REQUEST, name + " must be sent at most once", name);
    }
    return values.isEmpty() ? null : values.get(0);
  }

  private static String abbreviate(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "..." : s;
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
      throw new ServiceException(
          ErrorCode.BAD_REQUEST, name + " must be a UUID, not '" + value + "'", name);
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
      throw new ServiceException(
          ErrorCode.BAD_REQUEST,
          name + " must be an integer in [" + min + ", " + max + "], not '" + value + "'",
          name);
    }
  }
}
