package io.cleanercontext.cleaner.engine;

/**
 * One change a cleaning stage made to a turn.
 *
 * @param original the text as the stage found it (a word, phrase or fragment)
 * @param corrected what the stage put in its place; empty when the text was removed
 * @param confidence how sure the stage is
 * @param reason short machine-friendly reason, e.g. {@code noise_tag}, {@code filler}, {@code
 *     entity}
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
}
