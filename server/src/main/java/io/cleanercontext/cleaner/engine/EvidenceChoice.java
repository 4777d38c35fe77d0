package io.cleanercontext.cleaner.engine;

/**
 * A change {@link EvidenceStage} may make at a word: a candidate that cleared the threshold, its
 * evidence, log-odds and how many heard words it takes.
 */
record EvidenceChoice(WordEvidence evidence, double logit, int length) {

  /**
   * Whether this change is to be made rather than {@code other} (null: none yet). The likelier
   * wins, but for one heard word two words that both cleared the threshold are first told apart by
   * how they sound: one that sounds exactly as heard beats one a phoneme off ("each sight has its
   * own manager": site, not side), as the recogniser heard the sound right and only chose the wrong
   * spelling. Runs heard as a name are compared by log-odds alone.
   */
  boolean outranks(EvidenceChoice other) {
    if (other == null) {
      return true;
    }
    if (length == 1 && other.length == 1 && plainWord() && other.plainWord()) {
      boolean same = evidence.phoneticDistance() == 0;
      if (same != (other.evidence.phoneticDistance() == 0)) {
        return same;
      }
    }
    return logit > other.logit;
  }

  /** A word of the sound or confusion candidates, not a name of the call or of the lists. */
  private boolean plainWord() {
    String source = evidence.source();
    return !source.equals(EvidenceStage.CALL_TERM) && !source.equals(EvidenceStage.LISTED_NAME);
  }
}
