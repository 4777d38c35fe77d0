package io.cleanercontext.cleaner.engine;

import java.util.List;

/** A cleaning step that needs nothing but the text: a pure function that reports its changes. */
interface TextStage {

  /** Name used in the timing breakdown. */
  String name();

  /** Returns the cleaned text and appends one {@link Correction} per change to {@code out}. */
  String apply(String text, List<Correction> out);
}
