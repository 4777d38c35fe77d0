package io.cleanercontext.cleaner.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whitespace tokens split into leading punctuation, a word core and trailing punctuation, so that
 * stages can compare and replace words while keeping the punctuation the user's STT produced.
 */
final class Tokens {

  /** One whitespace-separated token. {@code core} is empty for a token that is only punctuation. */
  record Token(String lead, String core, String trail) {

    String text() {
      return lead + core + trail;
    }

    String lower() {
      return core.toLowerCase(Locale.ROOT);
    }

    boolean hasDigit() {
      for (int i = 0; i < core.length(); i++) {
        if (Character.isDigit(core.charAt(i))) {
          return true;
        }
      }
      return false;
    }

    boolean endsSentence() {
      return trail.indexOf('.') >= 0 || trail.indexOf('?') >= 0 || trail.indexOf('!') >= 0;
    }

    Token withCore(String newCore) {
      return new Token(lead, newCore, trail);
    }

    Token withTrail(String newTrail) {
      return new Token(lead, core, newTrail);
    }
  }

  private Tokens() {}

  /**
   * The last text split on this thread, with its tokens: a turn's stages split the same text one
   * after another (a stage that changes nothing passes it on), so each copies the tokens instead.
   * The engine {@link #forget forgets} it when the turn is done: no text outlives its turn here.
   */
  private static final ThreadLocal<Split> LAST = new ThreadLocal<>();

  private record Split(String text, List<Token> tokens) {}

  /** The text's tokens, in a list of the caller's own (stages edit it). */
  static List<Token> split(String text) {
    Split last = LAST.get();
    if (last == null || !last.text.equals(text)) {
      last = new Split(text, read(text));
      LAST.set(last);
    }
    return new ArrayList<>(last.tokens);
  }

  /** Drops this thread's last split (the end of a turn). */
  static void forget() {
    LAST.remove();
  }

  private static List<Token> read(String text) {
    List<Token> out = new ArrayList<>();
    int n = text.length();
    int i = 0;
    while (i < n) {
      while (i < n && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      if (i >= n) {
        break;
      }
      int start = i;
      while (i < n && !Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      out.add(token(text, start, i));
    }
    return out;
  }

  /**
   * The token {@code text[start, end)}, cut straight from the text (no copy of the whole token).
   */
  private static Token token(String text, int start, int end) {
    int first = start;
    while (first < end && !Character.isLetterOrDigit(text.charAt(first))) {
      first++;
    }
    if (first == end) {
      return new Token(text.substring(start, end), "", "");
    }
    int last = end - 1;
    while (!Character.isLetterOrDigit(text.charAt(last))) {
      last--;
    }
    // most tokens have no punctuation around the word: share "" rather than copy empty strings
    String lead = first == start ? "" : text.substring(start, first);
    String trail = last + 1 == end ? "" : text.substring(last + 1, end);
    return new Token(lead, text.substring(first, last + 1), trail);
  }

  static String join(List<Token> tokens) {
    StringBuilder sb = new StringBuilder();
    for (Token t : tokens) {
      String s = t.text();
      if (s.isEmpty()) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(s);
    }
    return sb.toString();
  }

  /** Lower-case letters and digits only: the key under which split/merged spellings meet. */
  static String joinedKey(CharSequence s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        sb.append(Character.toLowerCase(c));
      }
    }
    return sb.toString();
  }

  /** True for "a" and "i", English's words of one letter (in lower case, as written). */
  static boolean isOneLetterWord(String s) {
    return s.equals("a") || s.equals("i");
  }

  static boolean isUpper(String s) {
    return !s.isEmpty() && Character.isUpperCase(s.charAt(0));
  }

  static String capitalize(String s) {
    if (s.isEmpty() || !Character.isLowerCase(s.charAt(0))) {
      return s;
    }
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
