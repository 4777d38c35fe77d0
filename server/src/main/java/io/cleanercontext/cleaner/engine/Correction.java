package io.cleanercontext.cleaner.engine;

/**
 * One change a cleaning stage (or the LLM cleaner) made to a turn.
 *
 * @param original the text as the stage found it (a word, phrase or fragment)
 * @param corrected what the stage put in its place; empty when the text was removed
 * @param confidence how sure the stage is
 * @param reason short machine-friendly reason, e.g. {@code noise_tag}, {@code filler}, {@code
 *     split_term}; the LLM's own words for an LLM correction
 * @param evidence what spoke for a word correction decided by evidence ({@link EvidenceStage}), or
 *     null for a rule's change
 */
public record Correction(
    String original,
    String corrected,
    Confidence confidence,
    String reason,
    WordEvidence evidence) {

  /** A rule's change, with no evidence record. */
  public Correction(String original, String corrected, Confidence confidence, String reason) {
    this(original, corrected, confidence, reason, null);
  }

  /** A correction with one of the engine's {@link Reason} codes. */
  Correction(String original, String corrected, Confidence confidence, Reason reason) {
    this(original, corrected, confidence, reason.code());
  }
}
