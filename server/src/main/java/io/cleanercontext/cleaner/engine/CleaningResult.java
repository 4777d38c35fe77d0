package io.cleanercontext.cleaner.engine;

import io.cleanercontext.contract.CleaningLevel;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of cleaning one turn.
 *
 * @param cleanedText the cleaned text; empty for a skipped (garbage) turn
 * @param level the level actually applied: AUTO resolves to LIGHT or FULL, garbage gives SKIP
 * @param cleaningApplied whether the text changed beyond voice-tag and whitespace tidying
 * @param confidence overall confidence, the lowest of the corrections' (HIGH when none)
 * @param corrections the changes made, in pipeline order
 * @param contextDetected short label of what the engine saw, e.g. {@code ai_response}, {@code
 *     clean}, {@code artifacts_removed}, {@code fillers_removed}, {@code entity_correction}, {@code
 *     garbage}, {@code passthrough}
 * @param model which cleaner produced this ({@value CleaningEngine#MODEL} for this engine)
 * @param processingTimeMs wall time spent in the engine for this turn
 * @param timingBreakdownMs per-stage time in milliseconds, in pipeline order
 */
public record CleaningResult(
    String cleanedText,
    CleaningLevel level,
    boolean cleaningApplied,
    Confidence confidence,
    List<Correction> corrections,
    String contextDetected,
    String model,
    double processingTimeMs,
    Map<String, Double> timingBreakdownMs) {

  public CleaningResult {
    corrections = List.copyOf(corrections);
    timingBreakdownMs = Collections.unmodifiableMap(new LinkedHashMap<>(timingBreakdownMs));
  }

  /** True when the turn was garbage: it has no text and must not be added to the context. */
  public boolean skipped() {
    return level == CleaningLevel.SKIP;
  }
}
