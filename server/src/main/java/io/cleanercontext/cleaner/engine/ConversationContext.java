package io.cleanercontext.cleaner.engine;

import java.util.ArrayDeque;
import java.util.List;

/** Sliding window of a conversation's cleaned turns. Not thread-safe: one owner. */
public final class ConversationContext {
  private final ArrayDeque<ContextTurn> window = new ArrayDeque<>();
  private int windowSize;

  public ConversationContext(int windowSize) {
    this.windowSize = windowSize;
  }

  public void add(Speaker speaker, String cleanedText) {
    if (cleanedText == null || cleanedText.isBlank()) {
      return;
    }
    window.addLast(new ContextTurn(speaker, cleanedText));
    while (window.size() > windowSize) {
      window.removeFirst();
    }
  }

  public int windowSize() {
    return windowSize;
  }

  public void setWindowSize(int n) {
    this.windowSize = n;
    while (window.size() > windowSize) {
      window.removeFirst();
    }
  }

  public List<ContextTurn> window() {
    return List.copyOf(window);
  }
}
