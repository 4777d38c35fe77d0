package io.cleanercontext.privacy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
import java.util.Set;

/**
 * A tenant's privacy settings, or a conversation's overrides of them: the redaction mode and types
 * and what is kept of the raw text. JSON: {@code {"redaction": {"mode": "mask", "types": ["card",
 * "email"]}, "raw_text": "redacted"}}; in an override every field is optional and replaces the
 * tenant's. Null fields mean "not set".
 */
public record PrivacySettings(RedactionMode mode, Set<PiiType> types, RawTextPolicy rawText) {

  /** Nothing set: the tenant default is redaction off, raw text kept. */
  public static final PrivacySettings UNSET = new PrivacySettings(null, null, null);

  public PrivacySettings {
    types = types == null ? null : Set.copyOf(types);
  }

  /** These settings with the ones {@code override} sets replacing them. */
  public PrivacySettings overriddenBy(PrivacySettings override) {
    return new PrivacySettings(
        override.mode != null ? override.mode : mode,
        override.types != null ? override.types : types,
        override.rawText != null ? override.rawText : rawText);
  }

  /** The redaction to apply: off unless a mode is set; every type unless types are set. */
  public RedactionPolicy policy() {
    RedactionMode m = mode == null ? RedactionMode.OFF : mode;
    if (m == RedactionMode.OFF) {
      return RedactionPolicy.OFF;
    }
    return new RedactionPolicy(m, types == null ? EnumSet.allOf(PiiType.class) : types);
  }

  /** What is stored of the raw text: kept unless set (redaction off stores what was sent). */
  public RawTextPolicy raw() {
    return rawText == null ? RawTextPolicy.KEPT : rawText;
  }

  public JsonObject toJson() {
    JsonObject out = new JsonObject();
    if (mode != null || types != null) {
      JsonObject redaction = new JsonObject();
      if (mode != null) {
        redaction.put("mode", mode.wireName());
      }
      if (types != null) {
        JsonArray t = new JsonArray();
        EnumSet<PiiType> sorted =
            types.isEmpty() ? EnumSet.noneOf(PiiType.class) : EnumSet.copyOf(types);
        sorted.forEach(p -> t.add(p.wireName()));
        redaction.put("types", t);
      }
      out.put("redaction", redaction);
    }
    if (rawText != null) {
      out.put("raw_text", rawText.wireName());
    }
    return out;
  }

  /**
   * Reads and checks settings; a problem is thrown naming the field. Unknown fields are refused.
   */
  public static PrivacySettings parse(JsonObject json) {
    if (json == null) {
      return UNSET;
    }
    for (String field : json.fieldNames()) {
      if (!field.equals("redaction") && !field.equals("raw_text")) {
        throw new InvalidSetting(field + ": unknown setting (known: redaction, raw_text)");
      }
    }
    RedactionMode mode = null;
    Set<PiiType> types = null;
    Object r = json.getValue("redaction");
    if (r != null) {
      if (!(r instanceof JsonObject redaction)) {
        throw new InvalidSetting("redaction: must be an object {\"mode\": ..., \"types\": [...]}");
      }
      for (String field : redaction.fieldNames()) {
        if (!field.equals("mode") && !field.equals("types")) {
          throw new InvalidSetting("redaction." + field + ": unknown setting (known: mode, types)");
        }
      }
      Object m = redaction.getValue("mode");
      if (m != null) {
        mode =
            m instanceof String s
                ? RedactionMode.fromWire(s)
                    .orElseThrow(
                        () -> new InvalidSetting("redaction.mode: must be off, mask or remove"))
                : badMode();
      }
      Object t = redaction.getValue("types");
      if (t != null) {
        types = types(t);
      }
    }
    RawTextPolicy raw = null;
    Object rawValue = json.getValue("raw_text");
    if (rawValue != null) {
      raw =
          rawValue instanceof String s
              ? RawTextPolicy.fromWire(s)
                  .orElseThrow(() -> new InvalidSetting("raw_text: must be kept, redacted or none"))
              : badRaw();
    }
    return new PrivacySettings(mode, types, raw);
  }

  private static Set<PiiType> types(Object t) {
    if (!(t instanceof JsonArray array)) {
      throw new InvalidSetting("redaction.types: must be an array of type names");
    }
    Set<PiiType> out = EnumSet.noneOf(PiiType.class);
    for (int i = 0; i < array.size(); i++) {
      Object name = array.getValue(i);
      int at = i;
      out.add(
          name instanceof String s
              ? PiiType.fromWire(s).orElseThrow(() -> unknownType(at, s))
              : unknownTypeThrow(at, String.valueOf(name)));
    }
    return out;
  }

  private static InvalidSetting unknownType(int i, String name) {
    StringBuilder known = new StringBuilder();
    for (PiiType p : PiiType.values()) {
      known.append(known.length() == 0 ? "" : ", ").append(p.wireName());
    }
    return new InvalidSetting(
        "redaction.types[" + i + "]: unknown type \"" + name + "\" (known: " + known + ")");
  }

  private static PiiType unknownTypeThrow(int i, String name) {
    throw unknownType(i, name);
  }

  private static RedactionMode badMode() {
    throw new InvalidSetting("redaction.mode: must be off, mask or remove");
  }

  private static RawTextPolicy badRaw() {
    throw new InvalidSetting("raw_text: must be kept, redacted or none");
  }
}
