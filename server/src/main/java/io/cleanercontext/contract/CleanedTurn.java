package io.cleanercontext.contract;

import io.vertx.core.json.JsonObject;

/**
 * The cleaner's verdict on one turn.
 *
 * @param status cleaned, skipped or failed
 * @param metadata the API's turn metadata object (confidence_score, corrections, ...), or the
 *     failure detail when failed
 */
public record CleanedTurn(
    String turnId,
    long seq,
    TurnStatus status,
    String cleanedText,
    JsonObject metadata,
    String error) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("turn_id", turnId)
        .put("seq", seq)
        .put("status", status.wireName())
        .put("cleaned_text", cleanedText)
        .put("metadata", metadata)
        .put("error", error);
  }

  public static CleanedTurn fromJson(JsonObject j) {
    return new CleanedTurn(
        j.getString("turn_id"),
        j.getLong("seq"),
        TurnStatus.of(j.getString("status")),
        j.getString("cleaned_text"),
        j.getJsonObject("metadata"),
        j.getString("error"));
  }
}
