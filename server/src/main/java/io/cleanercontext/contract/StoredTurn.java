package io.cleanercontext.contract;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A turn as PostgreSQL holds it. Its JSON ({@link #toJson()}) is the one shape of a turn that
 * clients see: the items of the REST API, the synchronous caller's answer on {@code
 * api.results.<instance>} and the {@code turn} of every {@code conversation.<id>.turns} event.
 *
 * @param metadata the cleaning's metadata, or null while pending
 * @param words the speech recogniser's words when the turn came from a voice pipeline that gave
 *     them (in the JSON only then), else empty
 */
public record StoredTurn(
    String turnId,
    String conversationId,
    long seq,
    String speaker,
    Speaker role,
    String rawText,
    String cleanedText,
    TurnStatus status,
    String requestedLevel,
    JsonObject metadata,
    String error,
    int attempts,
    OffsetDateTime receivedAt,
    OffsetDateTime createdAt,
    OffsetDateTime processedAt,
    List<RecognizedWord> words) {

  public StoredTurn {
    words = words == null ? List.of() : List.copyOf(words);
  }

  public JsonObject toJson() {
    JsonObject json =
        new JsonObject()
            .put("turn_id", turnId)
            .put("conversation_id", conversationId)
            .put("seq", seq)
            .put("speaker", speaker)
            .put("role", role.wireName())
            .put("raw_text", rawText)
            .put("cleaned_text", cleanedText)
            .put("status", status.wireName())
            .put("requested_level", requestedLevel)
            .put("metadata", metadata)
            .put("error", error)
            .put("attempts", attempts)
            .put("received_at", iso(receivedAt))
            .put("created_at", iso(createdAt))
            .put("processed_at", iso(processedAt));
    if (!words.isEmpty()) {
      json.put("words", RecognizedWord.toJson(words));
    }
    return json;
  }

  private static String iso(OffsetDateTime time) {
    return time == null ? null : IsoInstant.format(time.toInstant());
  }
}
