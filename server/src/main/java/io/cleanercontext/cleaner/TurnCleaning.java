package io.cleanercontext.cleaner;

import io.cleanercontext.cleaner.engine.CleaningResult;
import io.cleanercontext.cleaner.engine.ContextTurn;
import io.cleanercontext.cleaner.engine.Correction;
import io.cleanercontext.cleaner.engine.WordEvidence;
import io.cleanercontext.contract.CleanedTurn;
import io.cleanercontext.contract.CleaningLevel;
import io.cleanercontext.contract.Speaker;
import io.cleanercontext.contract.TurnStatus;
import io.cleanercontext.contract.TurnToClean;
import io.cleanercontext.privacy.PrivacyRules;
import io.cleanercontext.privacy.RawTextPolicy;
import io.cleanercontext.privacy.RedactedText;
import io.cleanercontext.privacy.Redactor;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cleans a conversation's pending turns in seq order, each only once the one before it is in the
 * context. A turn that cannot be cleaned stops the run: what was cleaned so far is returned with
 * the failing turn named, and the state stays just before it.
 *
 * <p>Privacy goes around the cleaning: the text a cleaner (the engine or an LLM) sees is masked
 * whenever redaction is on; the cleaned text then gets the conversation's custom spelling and the
 * final redaction (cleaning -> spelling -> redaction), whose result is what is stored, published
 * and added to the context. Corrections in the metadata are redacted too, and the redactions are
 * recorded by type and position, never by value.
 */
final class TurnCleaning {
  private static final Logger LOG = LoggerFactory.getLogger(TurnCleaning.class);

  /**
   * @param results the verdicts of the turns cleaned, in order
   * @param failed the turn that could not be cleaned, or null when every turn was
   * @param error why, or null
   */
  record Cleaned(List<CleanedTurn> results, TurnToClean failed, String error) {}

  private final TurnCleaner cleaner;
  private final int shard;
  private final Redactor redactor;

  TurnCleaning(TurnCleaner cleaner, int shard, Redactor redactor) {
    this.cleaner = cleaner;
    this.shard = shard;
    this.redactor = redactor;
  }

  /**
   * Cleans {@code turns}, a conversation's (seq order, the first just after {@code state}'s last).
   */
  Future<Cleaned> clean(String conversationId, List<TurnToClean> turns, ConversationState state) {
    return cleanFrom(conversationId, turns, 0, state, new ArrayList<>(turns.size()));
  }

  private Future<Cleaned> cleanFrom(
      String conversationId,
      List<TurnToClean> turns,
      int i,
      ConversationState state,
      List<CleanedTurn> results) {
    if (i == turns.size()) {
      return Future.succeededFuture(new Cleaned(results, null, null));
    }
    TurnToClean turn = turns.get(i);
    Speaker speaker = turn.role();
    state.context.setWindowSize(turn.windowSize());
    return cleanTurn(speaker, turn, state)
        .transform(
            ar -> {
              if (ar.failed()) {
                LOG.warn(
                    "Shard {} could not clean turn {} (seq {}): {}",
                    shard,
                    turn.turnId(),
                    turn.seq(),
                    ar.cause().toString());
                return Future.succeededFuture(new Cleaned(results, turn, ar.cause().toString()));
              }
              CleaningResult result = ar.result();
              // cleaning -> custom spelling -> redaction: what is stored, published and kept
              RedactedText finished = finish(state, result);
              state.context.add(speaker, finished.text());
              state.lastSeq = turn.seq();
              TurnStatus status = result.skipped() ? TurnStatus.SKIPPED : TurnStatus.CLEANED;
              results.add(
                  new CleanedTurn(
                      conversationId,
                      turn,
                      status,
                      finished.text(),
                      redactMetadata(metadata(result, state), state, finished),
                      null));
              return cleanFrom(conversationId, turns, i + 1, state, results);
            });
  }

  /** The cleaner's answer for one turn; a throw or a null future counts as a failed turn. */
  private Future<CleaningResult> cleanTurn(
      Speaker speaker, TurnToClean turn, ConversationState state) {
    CleaningLevel level = CleaningLevel.fromWire(turn.cleaningLevel()).orElse(CleaningLevel.FULL);
    try {
      Future<CleaningResult> result =
          cleaner.clean(
              speaker,
              state.privacy.textToClean(redactor, turn.rawText()),
              level,
              state.context,
              turn.words());
      return result != null
          ? result
          : Future.failedFuture(new IllegalStateException("cleaner returned no result"));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** Spelling and redaction of the cleaned text; the turn before it gives the cues. */
  private RedactedText finish(ConversationState state, CleaningResult result) {
    ContextTurn latest = state.context.latest();
    String previous = latest == null ? null : latest.cleanedText();
    return state.privacy.finish(redactor, result.cleanedText(), previous);
  }

  /** The metadata with corrections redacted and the redactions recorded. */
  private JsonObject redactMetadata(
      JsonObject metadata, ConversationState state, RedactedText finished) {
    PrivacyRules rules = state.privacy;
    if (!rules.redaction().active()) {
      return rules.spelling().isEmpty()
          ? metadata
          : metadata.put("spelling_rules", rules.spelling().rules().size());
    }
    JsonArray corrections = metadata.getJsonArray("corrections", new JsonArray());
    for (int i = 0; i < corrections.size(); i++) {
      JsonObject c = corrections.getJsonObject(i);
      c.put("original", redactor.redact(c.getString("original"), rules.redaction()).text());
      c.put("corrected", redactor.redact(c.getString("corrected"), rules.redaction()).text());
    }
    metadata
        .put("redactions", finished.redactionsJson())
        .put("redaction_mode", rules.redaction().mode().wireName());
    if (rules.rawText() == RawTextPolicy.NONE) {
      metadata.put(
          "raw_text_policy", RawTextPolicy.NONE.wireName()); // the stored raw text is emptied
    }
    return metadata;
  }

  /** Why a word changed: the candidate, its source and each kind of evidence. */
  private static JsonObject evidenceJson(WordEvidence e) {
    JsonObject json =
        new JsonObject()
            .put("candidate", e.candidate())
            .put("source", e.source())
            .put("phonetic_distance", e.phoneticDistance())
            .put("lm_gain", e.lmGain())
            .put("prior_heard", e.priorHeard())
            .put("said_in_call", e.saidInCall() > 0)
            .put("cue", e.cue() > 0);
    if (e.doubt() > 0) {
      json.put("recogniser_doubt", e.doubt()); // 1 - the recogniser's confidence in the word
    }
    return json;
  }

  private static JsonObject metadata(CleaningResult result, ConversationState state) {
    JsonArray corrections = new JsonArray();
    for (Correction c : result.corrections()) {
      JsonObject json =
          new JsonObject()
              .put("original", c.original())
              .put("corrected", c.corrected())
              .put("confidence", c.confidence().name())
              .put("reason", c.reason());
      if (c.evidence() != null) {
        json.put("evidence", evidenceJson(c.evidence()));
      }
      corrections.add(json);
    }
    JsonObject timing = new JsonObject();
    result.timingBreakdownMs().forEach(timing::put);
    return new JsonObject()
        .put("confidence_score", result.confidence().name())
        .put("cleaning_applied", result.cleaningApplied())
        .put("cleaning_level", result.level().wireName())
        .put("corrections", corrections)
        .put("context_detected", result.contextDetected())
        .put("ai_model_used", result.model())
        .put("processing_time_ms", result.processingTimeMs())
        .put("timing_breakdown", timing)
        .put("context_window_size", state.context.windowSize())
        .put("context_turns_used", state.context.size());
  }
}
