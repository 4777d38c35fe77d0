package io.cleanercontext.privacy;

import java.util.ArrayList;
import java.util.List;

/**
 * One turn as the detectors read it: its tokens, its digit runs, and the previous turn's tokens.
 */
final class Turn {
  final String text;
  final List<Token> tokens;
  final List<DigitRun> runs;
  private final String previousText;
  private List<Token> previous;

  /** Values found so far by detectors of higher precedence: later ones skip them. */
  final List<Span> claimed = new ArrayList<>();

  Turn(String text, String previousText) {
    this.text = text;
    this.tokens = Token.of(text);
    this.runs = DigitRun.find(tokens);
    this.previousText = previousText;
  }

  /** The previous turn's tokens (cut on first use), or null when there is none. */
  List<Token> previous() {
    if (previous == null && previousText != null && !previousText.isEmpty()) {
      previous = Token.of(previousText);
    }
    return previous;
  }

  /** True when a value already found overlaps characters [start, end). */
  boolean claimed(int start, int end) {
    for (Span s : claimed) {
      if (s.start() < end && start < s.end()) {
        return true;
      }
    }
    return false;
  }

  /** The first run starting within {@code window} tokens after token {@code from}. */
  DigitRun runAfter(int from, int window) {
    for (DigitRun run : runs) {
      if (run.firstToken >= from && run.firstToken - from <= window) {
        return run;
      }
      if (run.firstToken > from + window) {
        return null;
      }
    }
    return null;
  }
}
