package io.cleanercontext.integrations;

import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.contract.ServiceException;
import io.cleanercontext.security.StrictJson;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Reading a platform's JSON with every problem naming the field at fault (a 400). */
final class Payloads {
  private Payloads() {}

  static JsonObject json(Buffer body) {
    if (body == null || body.length() == 0) {
      throw bad("the body is empty; a JSON object is expected", null);
    }
    Object parsed;
    try {
      // Read as strictly as the REST routes read theirs (duplicate keys, depth, UTF-8).
      parsed = StrictJson.parse(body.getBytes());
    } catch (StrictJson.Invalid e) {
      throw bad("the body is " + e.getMessage(), e.field());
    }
    if (!(parsed instanceof JsonObject json)) {
      throw bad("the body must be a JSON object", null);
    }
    return json;
  }

  static JsonObject object(JsonObject parent, String key, String path) {
    Object value = parent.getValue(key);
    if (!(value instanceof JsonObject object)) {
      throw bad(path + " must be an object", path);
    }
    return object;
  }

  static JsonArray array(JsonObject parent, String key, String path) {
    Object value = parent.getValue(key);
    if (!(value instanceof JsonArray array)) {
      throw bad(path + " must be an array", path);
    }
    return array;
  }

  /** An optional array: empty when absent, 400 when of another type. */
  static JsonArray optionalArray(JsonObject parent, String key, String path) {
    return parent.getValue(key) == null ? new JsonArray() : array(parent, key, path);
  }

  static String string(JsonObject parent, String key, String path) {
    Object value = parent.getValue(key);
    if (!(value instanceof String text)) {
      throw bad(path + " must be a string", path);
    }
    return text;
  }

  static String nonBlank(JsonObject parent, String key, String path) {
    String text = string(parent, key, path);
    if (text.isBlank()) {
      throw bad(path + " must not be blank", path);
    }
    return text;
  }

  static boolean bool(JsonObject parent, String key, String path, Boolean fallback) {
    Object value = parent.getValue(key);
    if (value == null && fallback != null) {
      return fallback;
    }
    if (!(value instanceof Boolean b)) {
      throw bad(path + " must be true or false", path);
    }
    return b;
  }

  /** A number, or null when absent and optional; 400 when of another type or not finite. */
  static Double number(JsonObject parent, String key, String path, boolean required) {
    Object value = parent.getValue(key);
    if (value == null && !required) {
      return null;
    }
    if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
      throw bad(path + " must be a number", path);
    }
    return n.doubleValue();
  }

  /** An element of an array that must be an object. */
  static JsonObject element(JsonArray array, int i, String path) {
    Object value = array.getValue(i);
    if (!(value instanceof JsonObject object)) {
      throw bad(path + "[" + i + "] must be an object", path + "[" + i + "]");
    }
    return object;
  }

  static ServiceException bad(String message, String field) {
    return new ServiceException(ErrorCode.BAD_REQUEST, message, field);
  }
}
