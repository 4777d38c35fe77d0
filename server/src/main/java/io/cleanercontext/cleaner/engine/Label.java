package io.cleanercontext.cleaner.engine;

import java.util.Set;

/** What the engine saw in a turn: {@link CleaningResult#contextDetected()}. */
enum Label {
  AI_RESPONSE,
  PASSTHROUGH,
  CLEAN,
  ARTIFACTS_REMOVED,
  FILLERS_REMOVED,
  ENTITY_CORRECTION,
  GARBAGE;

  private final String code = name().toLowerCase(java.util.Locale.ROOT);

  /** The wire form, e.g. {@code fillers_removed}. */
  String code() {
    return code;
  }

  /** The label of a turn with words left, from the kinds of stage that changed it. */
  static Label of(Set<Stage.Kind> changed) {
    if (changed.contains(Stage.Kind.WORD)) {
      return ENTITY_CORRECTION;
    }
    if (changed.contains(Stage.Kind.FILLER)) {
      return FILLERS_REMOVED;
    }
    return changed.contains(Stage.Kind.ARTIFACT) ? ARTIFACTS_REMOVED : CLEAN;
  }
}
