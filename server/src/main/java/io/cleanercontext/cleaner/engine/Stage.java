package io.cleanercontext.cleaner.engine;

import java.util.List;

/**
 * One step of cleaning a user turn: every stage of every level's {@link Pipeline} implements this.
 * A stage returns the text it made and appends one {@link Correction} per change to {@code out};
 * what it may consult beyond the text (the call so far, the domain lexicon) comes in {@code turn}.
 */
interface Stage {

  /** Name used in the timing breakdown. */
  String name();

  /** What this stage's corrections are: decides the result's label and AUTO's level. */
  Kind kind();

  /** Returns the cleaned text and appends one {@link Correction} per change to {@code out}. */
  String apply(String text, StageInput turn, List<Correction> out);

  /** The kinds of change a stage makes, from the least to the most meaningful. */
  enum Kind {
    /** Whitespace, voice tags: never reported as a correction. */
    TIDY,
    /** STT artifacts: noise tags, stray script, echoes, stutters, cut-off fragments. */
    ARTIFACT,
    /** Hesitation fillers (FULL, or AUTO when the turn has one). */
    FILLER,
    /** A word or name changed: confusions, misheard terms, names. */
    WORD
  }
}
