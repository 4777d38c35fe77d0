package io.cleanercontext.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed reads of one config section, for the settings records: a missing key (or JSON null) gives
 * the default, a value of the wrong type or out of range throws a {@link ConfigException} naming
 * {@code section.key}.
 */
final class SectionReader {
  private final String name;
  private final JsonObject section;

  SectionReader(String name, JsonObject section) {
    this.name = name;
    this.section = section == null ? new JsonObject() : section;
  }

  int integer(String key, int defaultValue, int min, int max) {
    return (int) longValue(key, defaultValue, min, max);
  }

  long longValue(String key, long defaultValue, long min, long max) {
    Object value = section.getValue(key);
    if (value == null) {
      return defaultValue;
    }
    if (!(value instanceof Number number)
        || number.doubleValue() != number.longValue()
        || number.longValue() < min
        || number.longValue() > max) {
      String range = max >= Integer.MAX_VALUE ? ">= " + min : "in [" + min + ", " + max + "]";
      throw new ConfigException(name + "." + key + " must be a number " + range + ", not " + value);
    }
    return number.longValue();
  }

  double decimal(String key, double defaultValue, double min) {
    Object value = section.getValue(key);
    if (value == null) {
      return defaultValue;
    }
    if (!(value instanceof Number number) || number.doubleValue() < min) {
      throw new ConfigException(
          name + "." + key + " must be a number >= " + min + ", not " + value);
    }
    return number.doubleValue();
  }

  boolean bool(String key, boolean defaultValue) {
    Object value = section.getValue(key);
    if (value == null) {
      return defaultValue;
    }
    if (!(value instanceof Boolean b)) {
      throw new ConfigException(name + "." + key + " must be true or false, not " + value);
    }
    return b;
  }

  /** The string, or the default (which may be null) when absent or blank. */
  String string(String key, String defaultValue) {
    Object value = section.getValue(key);
    if (value == null) {
      return defaultValue;
    }
    if (!(value instanceof String s)) {
      throw new ConfigException(name + "." + key + " must be a string, not " + value);
    }
    return s.isBlank() ? defaultValue : s;
  }

  List<String> strings(String key, List<String> defaultValue) {
    Object value = section.getValue(key);
    if (value == null) {
      return defaultValue;
    }
    if (!(value instanceof JsonArray array)) {
      throw new ConfigException(name + "." + key + " must be a list, not " + value);
    }
    List<String> out = new ArrayList<>();
    array.forEach(item -> out.add(String.valueOf(item)));
    return List.copyOf(out);
  }

  SectionReader object(String key) {
    Object value = section.getValue(key);
    if (value != null && !(value instanceof JsonObject)) {
      throw new ConfigException(name + "." + key + " must be an object, not " + value);
    }
    return new SectionReader(name + "." + key, (JsonObject) value);
  }

  JsonObject json() {
    return section;
  }
}
