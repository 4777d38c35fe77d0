package io.cleanercontext.cleaner.engine;

/**
 * Reason codes of the corrections the artifact, filler, spoken-name and road-name stages make, and
 * of a garbage turn. The code is what clients see in a correction's {@code reason} and what {@code
 * scripts/eval} counts per rule.
 */
enum Reason {
  NOISE_TAG,
  FOREIGN_SCRIPT,
  ECHO,
  STUTTER,
  EDGE_FRAGMENT,
  FILLER,
  SPOKEN_NAME,
  ROAD_NAME,
  GARBAGE;

  private final String code = name().toLowerCase(java.util.Locale.ROOT);

  /** The wire form, e.g. {@code edge_fragment}. */
  String code() {
    return code;
  }
}
