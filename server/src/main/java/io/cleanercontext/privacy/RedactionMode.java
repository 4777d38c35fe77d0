package io.cleanercontext.privacy;

import java.util.Locale;
import java.util.Optional;

/** What happens to personal data found in a turn. */
public enum RedactionMode {
  /** Nothing is redacted. */
  OFF,
  /** The value is replaced by its type, e.g. {@code [CARD]}. */
  MASK,
  /** The value is taken out of the text. */
  REMOVE;

  /** The lower-case name used in settings. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The mode of a wire name, or empty when it names none. */
  public static Optional<RedactionMode> fromWire(String name) {
    for (RedactionMode m : values()) {
      if (m.wireName().equals(name)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }
}
