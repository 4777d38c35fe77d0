package io.cleanercontext.contract;

import io.vertx.core.json.JsonObject;

/**
 * The cleaner's verdict on one pending turn, as the shard hands it to the store: the turn's one
 * shape between cleaning and storing (the store writes the verdict and makes the {@link StoredTurn}
 * from it and the row's times).
 *
 * @param conversationId the conversation the turn belongs to
 * @param turn the pending turn as the shard cleaned it
 * @param status cleaned, skipped or failed
 * @param metadata the API's turn metadata object (confidence_score, corrections, ...), or the
 *     failure detail when failed
 */
public record CleanedTurn(
    String conversationId,
    TurnToClean turn,
    TurnStatus status,
    String cleanedText,
    JsonObject metadata,
    String error) {

  public String turnId() {
    return turn.turnId();
  }

  public long seq() {
    return turn.seq();
  }
}
