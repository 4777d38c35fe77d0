package io.cleanercontext.contract;

import io.vertx.core.json.JsonObject;

/**
 * What a shard cleans of one pending turn (the rest of it is in {@link PendingTurn}).
 *
 * @param keytermsVersion the version of the conversation's keyterms when the turn was accepted: the
 *     shard cleans it with keyterms at least that new
 */
public record TurnToClean(
    String turnId,
    long seq,
    Speaker role,
    String rawText,
    String cleaningLevel,
    int windowSize,
    int keytermsVersion) {

  JsonObject toJson() {
    return new JsonObject()
        .put("turn_id", turnId)
        .put("seq", seq)
        .put("role", role.wireName())
        .put("raw_text", rawText)
        .put("cleaning_level", cleaningLevel)
        .put("window_size", windowSize)
        .put("keyterms_version", keytermsVersion);
  }

  static TurnToClean fromJson(JsonObject j) {
    // A job queued by a server from before keyterms has no version: 0, the version of "none set".
    return new TurnToClean(
        j.getString("turn_id"),
        j.getLong("seq"),
        Speaker.ofWire(j.getString("role")),
        j.getString("raw_text"),
        j.getString("cleaning_level"),
        j.getInteger("window_size"),
        j.getInteger("keyterms_version", 0));
  }
}
