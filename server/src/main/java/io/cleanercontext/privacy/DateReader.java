package io.cleanercontext.privacy;

import java.util.List;

/** Reads a calendar date written or spoken at a token; answers the token after it, or -1. */
final class DateReader {
  private DateReader() {}

  static int read(List<Token> t, int k) {
    int numeric = numeric(t, k);
    if (numeric > 0) {
      return numeric;
    }
    int[] day = day(t, skip(t, k, "the"));
    if (day != null) {
      int m = skip(t, day[1], "of");
      if (m < t.size() && NumberWords.month(t.get(m).text()) > 0) {
        return year(t, m + 1);
      }
      return -1;
    }
    if (NumberWords.month(t.get(k).text()) > 0) {
      int[] after = day(t, skip(t, k + 1, "the"));
      if (after != null) {
        return year(t, after[1]);
      }
    }
    return -1;
  }

  /** 12/05/1980, 12-05-80, 1980-05-12. */
  private static int numeric(List<Token> t, int k) {
    if (k + 4 >= t.size()) {
      return -1;
    }
    for (int i = 0; i < 5; i += 2) {
      if (t.get(k + i).kind() != Token.Kind.DIGITS) {
        return -1;
      }
    }
    String sep = t.get(k + 1).text();
    if (!(sep.equals("/") || sep.equals("-") || sep.equals(".")) || !t.get(k + 3).is(sep)) {
      return -1;
    }
    int a = t.get(k).text().length();
    int c = t.get(k + 4).text().length();
    boolean dayFirst = a <= 2 && (c == 2 || c == 4);
    boolean yearFirst = a == 4 && c <= 2;
    return dayFirst || yearFirst ? k + 5 : -1;
  }

  /** A day of the month at k: {the token after it}, or null. */
  private static int[] day(List<Token> t, int k) {
    if (k >= t.size()) {
      return null;
    }
    Token tok = t.get(k);
    String w = tok.text();
    if (tok.kind() == Token.Kind.DIGITS && w.length() <= 2) {
      return inMonth(Integer.parseInt(w), k + 1);
    }
    if (tok.kind() == Token.Kind.ALNUM && w.matches("[0-9]{1,2}(st|nd|rd|th)")) {
      return inMonth(Integer.parseInt(w.substring(0, w.length() - 2)), k + 1);
    }
    int ordinal = NumberWords.ordinal(w);
    if (ordinal > 0) {
      return new int[] {ordinal, k + 1};
    }
    int tens = NumberWords.tens(w);
    if (tens == 20 || tens == 30) {
      int j = k + 1 < t.size() && t.get(k + 1).is("-") ? k + 2 : k + 1;
      if (j < t.size()) {
        int unit =
            Math.max(NumberWords.ordinal(t.get(j).text()), NumberWords.digit(t.get(j).text()));
        if (unit > 0 && unit < 10) {
          return inMonth(tens + unit, j + 1);
        }
      }
    }
    int n = Math.max(NumberWords.digit(w), NumberWords.teen(w));
    return n > 0 ? new int[] {n, k + 1} : null;
  }

  private static int[] inMonth(int day, int next) {
    return day >= 1 && day <= 31 ? new int[] {day, next} : null;
  }

  /** An optional year after a month ("1980", "nineteen eighty two", "two thousand and one"). */
  private static int year(List<Token> t, int k) {
    int j = skip(t, k, ",");
    if (j >= t.size()) {
      return k;
    }
    Token tok = t.get(j);
    if (tok.kind() == Token.Kind.DIGITS && (tok.text().length() == 4 || tok.text().length() == 2)) {
      return j + 1;
    }
    String w = tok.text();
    if (w.equals("nineteen") || w.equals("twenty") || w.equals("two")) {
      StringBuilder digits = new StringBuilder();
      int end = j;
      int next = j;
      while (next < t.size() && next - j < 5) {
        int after = SpokenDigits.read(t, next, digits);
        if (after < 0) {
          after = t.get(next).is("and") ? next + 1 : -1;
        }
        if (after < 0) {
          break;
        }
        next = after;
        end = after;
      }
      return digits.length() >= 3 ? end : k;
    }
    return k;
  }

  private static int skip(List<Token> t, int k, String word) {
    return k < t.size() && t.get(k).is(word) ? k + 1 : k;
  }
}
