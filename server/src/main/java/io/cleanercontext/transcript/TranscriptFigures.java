package io.cleanercontext.transcript;

import io.cleanercontext.contract.Speaker;
import io.cleanercontext.contract.StoredTurn;
import io.cleanercontext.contract.TurnStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;

/**
 * The figures of a whole conversation, for the {@code conversation.completed} event: turns by
 * status and role, words before and after cleaning, corrections made, processing time, and how long
 * the call ran from its first turn's arrival to its last result.
 */
public final class TranscriptFigures {
  private TranscriptFigures() {}

  public static JsonObject of(List<StoredTurn> turns) {
    long cleaned = 0;
    long skipped = 0;
    long failed = 0;
    long pending = 0;
    long user = 0;
    long corrections = 0;
    long rawWords = 0;
    long cleanedWords = 0;
    double processing = 0;
    long processed = 0;
    for (StoredTurn t : turns) {
      switch (t.status()) {
        case CLEANED -> cleaned++;
        case SKIPPED -> skipped++;
        case FAILED -> failed++;
        case PENDING -> pending++;
      }
      if (t.role() == Speaker.USER) {
        user++;
      }
      rawWords += TimedTurn.wordCount(t.rawText());
      cleanedWords += TimedTurn.wordCount(t.cleanedText());
      JsonObject metadata = t.metadata();
      if (metadata != null) {
        Object list = metadata.getValue("corrections");
        if (list instanceof JsonArray array) {
          corrections += array.size();
        }
        Object ms = metadata.getValue("processing_time_ms");
        if (ms instanceof Number n) {
          processing += n.doubleValue();
          processed++;
        }
      }
    }
    Long durationMs = null;
    if (!turns.isEmpty() && turns.get(0).receivedAt() != null) {
      StoredTurn last = turns.get(turns.size() - 1);
      var end = last.processedAt() != null ? last.processedAt() : last.receivedAt();
      durationMs = Duration.between(turns.get(0).receivedAt(), end).toMillis();
    }
    return new JsonObject()
        .put("turns", turns.size())
        .put("user_turns", user)
        .put("ai_turns", turns.size() - user)
        .put(TurnStatus.CLEANED.wireName(), cleaned)
        .put(TurnStatus.SKIPPED.wireName(), skipped)
        .put(TurnStatus.FAILED.wireName(), failed)
        .put(TurnStatus.PENDING.wireName(), pending)
        .put("raw_words", rawWords)
        .put("cleaned_words", cleanedWords)
        .put("corrections", corrections)
        .put("avg_processing_ms", processed == 0 ? null : processing / processed)
        .put("duration_ms", durationMs);
  }
}
