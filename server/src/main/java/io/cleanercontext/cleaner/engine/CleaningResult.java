package io.cleanercontext.cleaner.engine;

import java.util.List;
import java.util.Map;

/** The outcome of cleaning one turn. */
public record CleaningResult(String cleanedText, CleaningLevel level, boolean cleaningApplied, Confidence confidence,
    List<Correction> corrections, String contextDetected, String model, double processingTimeMs,
    Map<String, Double> timingBreakdownMs) {

  public boolean skipped() {
    return level == CleaningLevel.SKIP;
  }
}
