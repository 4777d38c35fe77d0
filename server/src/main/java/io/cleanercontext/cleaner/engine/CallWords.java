package io.cleanercontext.cleaner.engine;

import java.util.ArrayList;
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
   * The words of the given texts, lower case to their spelling: a capital kept only where no
   * sentence starts (a name), so "Reid" stays "Reid" and "Sale." at a start is "sale"; where texts
   * disagree, the last text that spells the word with a capital mid-sentence wins.
   */
  static Map<String, String> of(Iterable<String> texts) {
    List<String[]> parts = new ArrayList<>();
    texts.forEach(t -> parts.add(wordsOf(t)));
    return merge(parts);
  }

  /**
   * One text's words, read once (a turn's words are merged again whenever the window changes): a
   * flat array of pairs, each lower-case word once, followed by its last spelling with a capital
   * mid-sentence or null.
   */
  static String[] wordsOf(String text) {
    List<Tokens.Token> tokens = Tokens.split(text);
    Map<String, String> seen = new HashMap<>();
    List<String> pairs = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      String core = tokens.get(i).core();
      String lower = core.toLowerCase(Locale.ROOT);
      boolean starts = i == 0 || tokens.get(i - 1).endsSentence();
      boolean named = !starts && !core.equals(lower);
      if (!seen.containsKey(lower)) {
        seen.put(lower, null);
        pairs.add(lower);
        pairs.add(null);
      }
      if (named) {
        seen.put(lower, core);
      }
    }
    String[] out = pairs.toArray(new String[0]);
    for (int i = 0; i < out.length; i += 2) {
      out[i + 1] = seen.get(out[i]);
    }
    return out;
  }

  /** The texts' words merged in order ({@link #of}), from each text's {@link #wordsOf}. */
  static Map<String, String> merge(List<String[]> parts) {
    int n = 0;
    for (String[] p : parts) {
      n += p.length / 2;
    }
    Map<String, String> out = new HashMap<>((int) (n / 0.75f) + 1);
    for (String[] p : parts) {
      for (int i = 0; i < p.length; i += 2) {
        if (p[i + 1] != null) {
          out.put(p[i], p[i + 1]);
        } else {
          out.putIfAbsent(p[i], p[i]);
        }
      }
    }
    return out;
  }
}
