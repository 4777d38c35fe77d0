package io.cleanercontext.cleaner.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Whitespace tokens split into leading punctuation, a word core and trailing punctuation, so that
 * stages can compare and replace words while keeping the punctuation the user's STT produced.
 */
final class Tokens {

  /**
   * One whitespace-separated token. {@code core} is empty for a token that is only punctuation.
   * Immutable, equal by its three parts (as a record would be); its lower case is made once, on
   * first use: a turn's stages share their tokens, and most ask for it.
   */
  static final class Token {
    private final String lead;
    private final String core;
    private final String trail;
    private String lower; // a benign race: every thread makes an equal string
    private String joined; // the same

    Token(String lead, String core, String trail) {
      this.lead = lead;
      this.core = core;
      this.trail = trail;
    }

    String lead() {
      return lead;
    }

    String core() {
      return core;
    }

    String trail() {
      return trail;
    }

    String text() {
      return lead + core + trail;
    }

    String lower() {
      String l = lower;
      if (l == null) {
        l = core.toLowerCase(Locale.ROOT);
        lower = l;
      }
      return l;
    }

    /** The core's {@link Tokens#joinedKey}, made once (the stages that ask share it). */
    String joined() {
      String j = joined;
      if (j == null) {
        j = joinedKey(core);
        joined = j;
      }
      return j;
    }

    boolean hasDigit() {
      for (int i = 0; i < core.length(); i++) {
        if (Character.isDigit(core.charAt(i))) {
          return true;
        }
      }
      return false;
    }

    /** A word in lower-case letters with nothing before it ("harrow", not "(harrow" or "Leeds"). */
    boolean lowerCaseWord() {
      if (core.isEmpty() || !lead.isEmpty()) {
        return false;
      }
      for (int i = 0; i < core.length(); i++) {
        if (!Character.isLowerCase(core.charAt(i))) {
          return false;
        }
      }
      return true;
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

    @Override
    public boolean equals(Object o) {
      return o instanceof Token t
          && Objects.equals(lead, t.lead)
          && Objects.equals(core, t.core)
          && Objects.equals(trail, t.trail);
    }

    @Override
    public int hashCode() {
      return Objects.hash(lead, core, trail);
    }

    @Override
    public String toString() {
      return "Token[lead=" + lead + ", core=" + core + ", trail=" + trail + "]";
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

  /**
   * The text's tokens, in a list of the caller's own, without this thread's last split: for a text
   * read once beside the turn (a turn of the window), which leaves the turn's split in place.
   */
  static List<Token> splitAside(String text) {
    return read(text);
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
      while (i < n && isWhitespace(text.charAt(i))) {
        i++;
      }
      if (i >= n) {
        break;
      }
      int start = i;
      while (i < n && !isWhitespace(text.charAt(i))) {
        i++;
      }
      out.add(token(text, start, i));
    }
    return out;
  }

  /** {@link Character#isWhitespace}, answered for printable ASCII without its tables. */
  private static boolean isWhitespace(char c) {
    return c <= ' ' || c >= 0x7F ? Character.isWhitespace(c) : false;
  }

  /** {@link Character#isLetterOrDigit(char)}, answered for ASCII without its tables. */
  private static boolean isLetterOrDigit(char c) {
    if (c < 0x80) {
      char lower = (char) (c | 0x20);
      return lower >= 'a' && lower <= 'z' || c >= '0' && c <= '9';
    }
    return Character.isLetterOrDigit(c);
  }

  /**
   * The token {@code text[start, end)}, cut straight from the text (no copy of the whole token).
   */
  private static Token token(String text, int start, int end) {
    int first = start;
    while (first < end && !isLetterOrDigit(text.charAt(first))) {
      first++;
    }
    if (first == end) {
      return new Token(text.substring(start, end), "", "");
    }
    int last = end - 1;
    while (!isLetterOrDigit(text.charAt(last))) {
      last--;
    }
    // most tokens have no punctuation around the word: share "" rather than copy empty strings
    String lead = first == start ? "" : text.substring(start, first);
    String trail = last + 1 == end ? "" : text.substring(last + 1, end);
    return new Token(lead, text.substring(first, last + 1), trail);
  }

  /** The words of {@code len} tokens from {@code start}, space-separated, punctuation left out. */
  static String words(List<Token> tokens, int start, int len) {
    StringBuilder sb = new StringBuilder();
    for (int i = start; i < start + len; i++) {
      sb.append(i > start ? " " : "").append(tokens.get(i).core());
    }
    return sb.toString();
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

  /** Whether the text is its own {@link #joinedKey} (lower-case letters and digits only). */
  static boolean isJoinedKey(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!Character.isLetterOrDigit(c) || Character.toLowerCase(c) != c) {
        return false;
      }
    }
    return true;
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
