package io.cleanercontext.cleaner.engine;

import java.util.Map;
import java.util.function.Supplier;

/**
 * The words said in the call so far ({@link ConversationContext#saidWords}), fetched on first use:
 * most turns never need them.
 */
final class CallWords {
  private final Supplier<Map<String, String>> source;
  private Map<String, String> words;

  CallWords(Supplier<Map<String, String>> source) {
    this.source = source;
  }

  Map<String, String> get() {
    if (words == null) {
      words = source.get();
    }
    return words;
  }
}
