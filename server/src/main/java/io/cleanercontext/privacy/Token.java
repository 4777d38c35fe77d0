package io.cleanercontext.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A word, a digit string, a mixed word ("5th", "XJ5551234") or one punctuation character of a turn,
 * lower-cased, with its offsets in the turn and whether whitespace came before it (written forms
 * such as "john.smith@gmail.com" and "XJ-5551234" are told apart from spoken ones by that).
 */
record Token(Kind kind, String text, int start, int end, boolean spaced) {

  enum Kind {
    WORD,
    DIGITS,
    ALNUM,
    PUNCT
  }

  boolean is(String s) {
    return text.equals(s);
  }

  boolean isWordLike() {
    return kind != Kind.PUNCT;
  }

  /** Cuts a text into tokens. */
  static List<Token> of(String text) {
    List<Token> out = new ArrayList<>(text.length() / 4 + 4);
    int n = text.length();
    int i = 0;
    boolean spaced = true;
    while (i < n) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        spaced = true;
        i++;
        continue;
      }
      if (!Character.isLetterOrDigit(c)) {
        out.add(new Token(Kind.PUNCT, String.valueOf(c), i, i + 1, spaced));
        spaced = false;
        i++;
        continue;
      }
      int start = i;
      boolean letters = false;
      boolean digits = false;
      while (i < n) {
        char d = text.charAt(i);
        if (Character.isDigit(d)) {
          digits = true;
        } else if (Character.isLetter(d)) {
          letters = true;
        } else if (!(d == '\'' && i + 1 < n && Character.isLetter(text.charAt(i + 1)))) {
          break;
        }
        i++;
      }
      Kind kind = digits ? (letters ? Kind.ALNUM : Kind.DIGITS) : Kind.WORD;
      out.add(new Token(kind, text.substring(start, i).toLowerCase(Locale.ROOT), start, i, spaced));
      spaced = false;
    }
    return out;
  }
}
