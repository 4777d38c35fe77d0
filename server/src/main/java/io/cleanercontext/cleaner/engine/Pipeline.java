package io.cleanercontext.cleaner.engine;

import io.cleanercontext.contract.CleaningLevel;
import java.util.List;
import java.util.Set;

/**
 * The stages one cleaning level runs, in order, each with the condition under which it runs.
 *
 * @param level the level this pipeline implements (AUTO resolves to LIGHT or FULL per turn)
 * @param verbatim the text is only tidied (voice tags, whitespace): no correction, no label rule
 * @param label the label of a verbatim pipeline's results; null for a cleaning one
 * @param steps the stages, in order
 */
record Pipeline(CleaningLevel level, boolean verbatim, Label label, List<Step> steps) {

  Pipeline {
    steps = List.copyOf(steps);
  }

  /** When a step runs. */
  enum Gate {
    /** On whatever text is left, even none. */
    ALWAYS,
    /** Only when the text still has a letter or digit. */
    WORDS,
    /** Only when an earlier stage removed a filler (AUTO: a hesitant turn gets FULL treatment). */
    AFTER_FILLER
  }

  /** One stage and its gate. */
  record Step(Stage stage, Gate gate) {

    boolean runsOn(String text, Set<Stage.Kind> changed) {
      return switch (gate) {
        case ALWAYS -> true;
        case WORDS -> !Normalizer.isEmptyOfWords(text);
        case AFTER_FILLER -> changed.contains(Stage.Kind.FILLER);
      };
    }
  }

  /** The level a turn was cleaned at, given the kinds of stage that changed it. */
  CleaningLevel applied(Set<Stage.Kind> changed) {
    if (level != CleaningLevel.AUTO) {
      return level;
    }
    // AUTO is FULL only when something beyond artifacts was worth changing
    return changed.contains(Stage.Kind.FILLER) || changed.contains(Stage.Kind.WORD)
        ? CleaningLevel.FULL
        : CleaningLevel.LIGHT;
  }
}
