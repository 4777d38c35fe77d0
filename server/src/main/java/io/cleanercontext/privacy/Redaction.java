package io.cleanercontext.privacy;

import io.vertx.core.json.JsonObject;

/**
 * One redaction in a redacted text: its type and where it is in the redacted text ({@code start}
 * inclusive, {@code end} exclusive: the mask in {@code mask} mode, an empty range where the value
 * was in {@code remove} mode). Never the value.
 */
public record Redaction(PiiType type, int start, int end) {

  /** The turn-metadata form: {@code {"type":"card","start":12,"end":18}}. */
  public JsonObject toJson() {
    return new JsonObject().put("type", type.wireName()).put("start", start).put("end", end);
  }
}
