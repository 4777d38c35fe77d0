package io.cleanercontext.contract;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A turn stored as pending, as its shard holds it: what the shard cleans, and what it needs to
 * deliver the result. The same whether ingest put it in the job ({@link TurnJob#carried()}) or the
 * shard read it back from PostgreSQL.
 *
 * @param keytermsVersion the version of the conversation's keyterms when the turn was accepted: the
 *     shard cleans it with keyterms at least that new
 * @param words the speech recogniser's words with their confidence and timings when the turn came
 *     from a voice pipeline, else empty: the engine may weigh a change to a word the recogniser was
 *     sure of against that confidence
 * @param replyTo the synchronous caller's results address, or null
 * @param receivedAt epoch millis when its request arrived
 */
public record TurnToClean(
    String turnId,
    long seq,
    Speaker role,
    String rawText,
    String cleaningLevel,
    int windowSize,
    int keytermsVersion,
    List<RecognizedWord> words,
    String replyTo,
    long receivedAt) {

  public TurnToClean {
    words = words == null ? List.of() : List.copyOf(words);
  }

  /** A turn without recognised words, nobody waiting for it, received at {@code receivedAt}. */
  public TurnToClean(
      String turnId,
      long seq,
      Speaker role,
      String rawText,
      String cleaningLevel,
      int windowSize,
      int keytermsVersion,
      long receivedAt) {
    this(
        turnId,
        seq,
        role,
        rawText,
        cleaningLevel,
        windowSize,
        keytermsVersion,
        List.of(),
        null,
        receivedAt);
  }

  /**
   * The turn of {@code submission} as ingest stored it: the seq, window and keyterms version its
   * row took.
   */
  public static TurnToClean stored(
      TurnSubmission submission, long seq, int windowSize, int keytermsVersion) {
    return new TurnToClean(
        submission.turnId(),
        seq,
        submission.role(),
        submission.rawText(),
        submission.cleaningLevel(),
        windowSize,
        keytermsVersion,
        submission.words(),
        submission.replyTo(),
        submission.receivedAt());
  }

  /** The turn's own fields ({@link TurnJob} carries the reply address and time beside them). */
  JsonObject toJson() {
    return new JsonObject()
        .put("turn_id", turnId)
        .put("seq", seq)
        .put("role", role.wireName())
        .put("raw_text", rawText)
        .put("cleaning_level", cleaningLevel)
        .put("window_size", windowSize)
        .put("keyterms_version", keytermsVersion)
        .put("words", RecognizedWord.toJson(words));
  }

  static TurnToClean fromJson(JsonObject j, String replyTo, long receivedAt) {
    // A job queued by a server from before keyterms has no version: 0, the version of "none set".
    return new TurnToClean(
        j.getString("turn_id"),
        j.getLong("seq"),
        Speaker.ofWire(j.getString("role")),
        j.getString("raw_text"),
        j.getString("cleaning_level"),
        j.getInteger("window_size"),
        j.getInteger("keyterms_version", 0),
        RecognizedWord.fromJson(j.getJsonArray("words")),
        replyTo,
        receivedAt);
  }
}
