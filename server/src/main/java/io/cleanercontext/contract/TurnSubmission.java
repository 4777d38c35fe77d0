package io.cleanercontext.contract;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A validated turn on its way to storage: body of {@link Addresses#TURNS_SUBMIT}.
 *
 * @param turnId id chosen by the API, so a synchronous caller can wait for it
 * @param speaker the label as the client sent it ("User", "Lumen", ...)
 * @param role {@code ai} or {@code user}
 * @param cleaningLevel requested level wire name ({@code none, light, full, auto})
 * @param windowSize sliding window for this conversation, or null to keep the current one
 * @param replyTo address awaiting the cleaned turn (synchronous calls), or null
 * @param receivedAt epoch millis when the HTTP request arrived
 * @param tenant the submitter's tenant: the conversation must be one of its own
 * @param words the speech recogniser's words with their confidence and timings, when the turn came
 *     from a voice pipeline; empty otherwise
 */
public record TurnSubmission(
    String turnId,
    String conversationId,
    String speaker,
    String role,
    String rawText,
    String cleaningLevel,
    Integer windowSize,
    String replyTo,
    long receivedAt,
    String tenant,
    List<RecognizedWord> words) {
  public TurnSubmission {
    words = words == null ? List.of() : List.copyOf(words);
  }

  /** A turn typed or pasted: no recognised words. */
  public TurnSubmission(
      String turnId,
      String conversationId,
      String speaker,
      String role,
      String rawText,
      String cleaningLevel,
      Integer windowSize,
      String replyTo,
      long receivedAt,
      String tenant) {
    this(
        turnId,
        conversationId,
        speaker,
        role,
        rawText,
        cleaningLevel,
        windowSize,
        replyTo,
        receivedAt,
        tenant,
        List.of());
  }

  /**
   * Beside a turn (or a batch's {@code submissions}) on {@link Addresses#TURNS_SUBMIT} / {@link
   * Addresses#TURNS_SUBMIT_BATCH}: the client's idempotency key and a hash of the validated
   * request, which tells a retry from a reuse of the key.
   */
  public static final String IDEMPOTENCY_KEY = "idempotency_key";

  public static final String REQUEST_HASH = "request_hash";

  public JsonObject toJson() {
    return new JsonObject()
        .put("turn_id", turnId)
        .put("conversation_id", conversationId)
        .put("speaker", speaker)
        .put("role", role)
        .put("raw_text", rawText)
        .put("cleaning_level", cleaningLevel)
        .put("window_size", windowSize)
        .put("reply_to", replyTo)
        .put("received_at", receivedAt)
        .put("tenant", tenant)
        .put("words", RecognizedWord.toJson(words));
  }

  public static TurnSubmission fromJson(JsonObject json) {
    return new TurnSubmission(
        json.getString("turn_id"),
        json.getString("conversation_id"),
        json.getString("speaker"),
        json.getString("role"),
        json.getString("raw_text"),
        json.getString("cleaning_level"),
        json.getInteger("window_size"),
        json.getString("reply_to"),
        json.getLong("received_at", System.currentTimeMillis()),
        json.getString("tenant", "default"),
        RecognizedWord.fromJson(json.getJsonArray("words")));
  }
}
