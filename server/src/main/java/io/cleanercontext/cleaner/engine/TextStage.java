package io.cleanercontext.cleaner.engine;

import java.util.List;

/** A stage that needs nothing but the text: a pure function that reports its changes. */
interface TextStage extends Stage {

  /** Returns the cleaned text and appends one {@link Correction} per change to {@code out}. */
  String apply(String text, List<Correction> out);

  @Override
  default String apply(String text, StageInput turn, List<Correction> out) {
    return apply(text, out);
  }
}
