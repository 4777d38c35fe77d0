package io.cleanercontext.contract;

import io.vertx.core.json.JsonObject;

/**
 * The cleaner's verdict on one turn.
 *
 * @param status {@code cleaned}, {@code skipped} or {@code failed}
 * @param metadata the API's turn metadata object (confidence_score, corrections, ...), or the
 *     failure detail when failed
 */
public record CleanedTurn(
    String turnId, long seq, String status, String cleanedText, JsonObject metadata, String error) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("turn_id", turnId)
        .put("seq", seq)
        .put("status", status)
        .put("cleaned_text", cleanedText)
        .put("metadata", metadata)
        .put("error", error);
  }

  public static CleanedTurn fromJson(JsonObject j) {
    return new CleanedTurn(
        j.getString("turn_id"),
        j.getLong("seq"),
        j.getString("status"),
        j.getString("cleaned_text"),
        j.getJsonObject("metadata"),
        j.getString("error"));
  }
}
