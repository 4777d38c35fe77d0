package io.cleanercontext.contract;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who spoke a turn. The AI agent's turns are perfect text and bypass cleaning; the human's come
 * from speech-to-text and are cleaned. Transcripts and clients use several labels for each role.
 */
public enum Speaker {
  AI,
  USER;

  private static final Map<String, Speaker> LABELS =
      Map.ofEntries(
          Map.entry("ai", AI),
          Map.entry("assistant", AI),
          Map.entry("lumen", AI),
          Map.entry("agent", AI),
          Map.entry("bot", AI),
          Map.entry("user", USER),
          Map.entry("human", USER),
          Map.entry("customer", USER),
          Map.entry("caller", USER),
          Map.entry("client", USER),
          Map.entry("prospect", USER));

  /** The role of a speaker label, case-insensitive; empty for a label no client uses. */
  public static Optional<Speaker> fromLabel(String label) {
    if (label == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(LABELS.get(label.strip().toLowerCase(Locale.ROOT)));
  }

  /** The labels accepted for a turn's speaker, for error messages and the API document. */
  public static Set<String> labels() {
    return new TreeSet<>(LABELS.keySet());
  }

  /** The role of a wire name ({@code ai} or {@code user}); anything else is a user turn. */
  public static Speaker ofWire(String role) {
    return AI.wireName().equals(role) ? AI : USER;
  }

  /** Lower-case wire name: {@code ai} or {@code user}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
