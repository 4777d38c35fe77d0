package io.cleanercontext.cleaner.engine;

import java.util.Locale;
import java.util.Optional;

/** How much cleaning a turn gets; SKIP is only ever a result (transcription garbage). */
public enum CleaningLevel {
  NONE, LIGHT, FULL, AUTO, SKIP;

  public static Optional<CleaningLevel> fromWire(String s) {
    if (s == null) {
      return Optional.empty();
    }
    return switch (s.strip().toLowerCase(Locale.ROOT)) {
      case "none" -> Optional.of(NONE);
      case "light" -> Optional.of(LIGHT);
      case "full" -> Optional.of(FULL);
      case "auto" -> Optional.of(AUTO);
      default -> Optional.empty();
    };
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
