package io.cleanercontext.privacy;

import io.vertx.core.json.JsonArray;
import java.util.List;

/** A text after redaction and what was redacted in it, in order of position. */
public record RedactedText(String text, List<Redaction> redactions) {

  public RedactedText {
    redactions = List.copyOf(redactions);
  }

  /** A text with nothing redacted. */
  public static RedactedText unchanged(String text) {
    return new RedactedText(text, List.of());
  }

  /** The redactions as turn metadata. */
  public JsonArray redactionsJson() {
    JsonArray out = new JsonArray();
    redactions.forEach(r -> out.add(r.toJson()));
    return out;
  }
}
