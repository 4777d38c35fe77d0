package io.cleanercontext.config;

import io.vertx.core.json.JsonObject;

/**
 * The {@code api} section: request limits of the REST API and the bridges' submissions.
 *
 * @param maxTextChars the longest turn text accepted
 * @param maxPageSize the largest {@code limit} of a listing
 * @param maxBatchTurns the most turns in one batch submission
 * @param utteranceIdleMs how long a voice pipeline's held segments (Deepgram's final segments of an
 *     utterance not yet ended) wait for news before they are joined into a turn anyway
 */
public record ApiSettings(
    int maxTextChars, int maxPageSize, int maxBatchTurns, int utteranceIdleMs) {

  public static ApiSettings from(JsonObject section) {
    SectionReader s = new SectionReader("api", section);
    return new ApiSettings(
        s.integer("max_text_chars", 10_000, 1, 10_000_000),
        s.integer("max_page_size", 500, 1, 100_000),
        s.integer("max_batch_turns", 100, 1, 1_000),
        s.integer("utterance_idle_ms", 5_000, 100, 3_600_000));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("max_text_chars", maxTextChars)
        .put("max_page_size", maxPageSize)
        .put("max_batch_turns", maxBatchTurns)
        .put("utterance_idle_ms", utteranceIdleMs);
  }
}
