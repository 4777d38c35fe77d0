package io.cleanercontext.privacy;

import java.util.List;

/**
 * Masks already in the text ({@code [CARD]}): a turn redacted before cleaning (at ingest, or before
 * an LLM sees it) keeps its masks through cleaning, and the final pass records them as redactions,
 * or takes them out in {@code remove} mode.
 */
final class MaskDetector implements Detector {

  @Override
  public void find(Turn turn, List<Span> out) {
    String text = turn.text;
    int open = text.indexOf('[');
    while (open >= 0) {
      int close = text.indexOf(']', open);
      if (close < 0) {
        return;
      }
      for (PiiType type : PiiType.values()) {
        if (close - open + 1 == type.mask().length() && text.startsWith(type.mask(), open)) {
          out.add(new Span(type, open, close + 1));
          break;
        }
      }
      open = text.indexOf('[', open + 1);
    }
  }
}
