package io.cleanercontext.cleaner.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pairs of neighbouring content words of one AI turn ("the venue manager at Hollowmere": venue
 * manager), read once: the phrases a user echoes, sometimes with one word misheard ("menu
 * manager"); or of the caller's keyterms ("fine line", "flash sheet"), a trade's phrases the user
 * says unprompted. Only plain lower-case words of at least three letters, no stopword, both in one
 * clause (no punctuation between them).
 */
final class TurnPhrases {

  static final TurnPhrases NONE = new TurnPhrases(Map.of(), Map.of(), true);

  /** For a word: the words said just before it. */
  private final Map<String, String[]> before;

  /** For a word: the words said just after it. */
  private final Map<String, String[]> after;

  /**
   * The keys of both maps as one filter: a user turn asks each AI turn of the window about the
   * neighbours of most of its words, and nearly none of them were said there.
   */
  private final HashFilter keys;

  /** Said by the AI, so the user heard the phrase before echoing it; false for keyterms. */
  final boolean heard;

  private TurnPhrases(Map<String, String[]> before, Map<String, String[]> after, boolean heard) {
    this.before = before;
    this.after = after;
    this.heard = heard;
    List<String> all = new ArrayList<>(before.keySet());
    all.addAll(after.keySet());
    this.keys = new HashFilter(all);
  }

  static TurnPhrases of(String text) {
    return of(Tokens.split(text));
  }

  /** The phrases of the caller's keyterms, one clause each: no pair spans two of them. */
  static TurnPhrases ofKeyterms(List<String> keyterms) {
    return of(Tokens.split(String.join(". ", keyterms)), false);
  }

  /** {@link #of(String)} of a text already split ({@link Tokens#split}). */
  static TurnPhrases of(List<Tokens.Token> tokens) {
    return of(tokens, true);
  }

  private static TurnPhrases of(List<Tokens.Token> tokens, boolean heard) {
    Map<String, String[]> before = null;
    Map<String, String[]> after = null;
    for (int i = 0; i + 1 < tokens.size(); i++) {
      Tokens.Token a = tokens.get(i);
      Tokens.Token b = tokens.get(i + 1);
      if (!adjacent(a, b) || !content(a.core()) || !content(b.core())) {
        continue;
      }
      String x = a.core();
      String y = b.core();
      if (before == null) {
        before = new HashMap<>();
        after = new HashMap<>();
      }
      before.put(y, add(before.get(y), x));
      after.put(x, add(after.get(x), y));
    }
    return before == null ? NONE : new TurnPhrases(before, after, heard);
  }

  /** The words said just before {@code word}, or null. */
  String[] before(String word) {
    return keys.mayContain(word.hashCode()) ? before.get(word) : null;
  }

  /** The words said just after {@code word}, or null. */
  String[] after(String word) {
    return keys.mayContain(word.hashCode()) ? after.get(word) : null;
  }

  /** Two tokens with nothing between them but a space: one clause. */
  static boolean adjacent(Tokens.Token a, Tokens.Token b) {
    return a.trail().isEmpty() && b.lead().isEmpty();
  }

  /** A plain lower-case word of at least three letters that is no stopword. */
  static boolean content(String core) {
    if (core.length() < 3) {
      return false;
    }
    for (int i = 0; i < core.length(); i++) {
      char c = core.charAt(i);
      if (c < 'a' || c > 'z') {
        return false;
      }
    }
    return !CommonWords.isStopword(core);
  }

  private static String[] add(String[] words, String word) {
    if (words == null) {
      return new String[] {word};
    }
    for (String w : words) {
      if (w.equals(word)) {
        return words;
      }
    }
    String[] out = Arrays.copyOf(words, words.length + 1);
    out[words.length] = word;
    return out;
  }
}
