package io.cleanercontext.contract;

import java.util.Locale;
import java.util.Optional;

/**
 * How much cleaning a turn gets. {@link #NONE}, {@link #LIGHT}, {@link #FULL} and {@link #AUTO} are
 * requested by clients; {@link #SKIP} only ever appears in a result, for a turn that was nothing
 * but transcription garbage.
 */
public enum CleaningLevel {
  /** Text returned as is, only voice tags stripped. */
  NONE,
  /** Artifacts only: noise tags, foreign-script fragments, echoes, stutters, whitespace. */
  LIGHT,
  /** LIGHT plus fillers and contextual correction of misheard terms. */
  FULL,
  /** The engine picks LIGHT or FULL from what the turn contains. */
  AUTO,
  /** Result only: the turn was garbage and cleans to the empty string. */
  SKIP;

  /**
   * The level named by a client, case-insensitive: {@code none}, {@code light}, {@code full} or
   * {@code auto}. Empty for anything else, including {@code skip}, which is not a request.
   */
  public static Optional<CleaningLevel> fromWire(String s) {
    if (s == null) {
      return Optional.empty();
    }
    switch (s.strip().toLowerCase(Locale.ROOT)) {
      case "none":
        return Optional.of(NONE);
      case "light":
        return Optional.of(LIGHT);
      case "full":
        return Optional.of(FULL);
      case "auto":
        return Optional.of(AUTO);
      default:
        return Optional.empty();
    }
  }

  /** Lower-case name used on the wire and in storage. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
