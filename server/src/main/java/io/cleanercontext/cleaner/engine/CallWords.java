package io.cleanercontext.cleaner.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
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

  /**
   * The words of the given texts, lower case to their spelling, for {@code said}: a capital kept
   * only where no sentence starts (a name), so "Reid" stays "Reid" and "Sale." at a start is
   * "sale".
   */
  static Map<String, String> wordsOf(Iterable<String> texts) {
    Map<String, String> out = new HashMap<>();
    for (String text : texts) {
      List<Tokens.Token> tokens = Tokens.split(text);
      for (int i = 0; i < tokens.size(); i++) {
        String core = tokens.get(i).core();
        String lower = core.toLowerCase(Locale.ROOT);
        boolean starts = i == 0 || tokens.get(i - 1).endsSentence();
        if (!starts && !core.equals(lower)) {
          out.put(lower, core);
        } else {
          out.putIfAbsent(lower, lower);
        }
      }
    }
    return out;
  }
}
