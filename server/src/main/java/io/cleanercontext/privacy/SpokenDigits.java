package io.cleanercontext.privacy;

import java.util.List;

/**
 * Reads one number unit at a token: a written digit string, or a spoken number as people read out
 * card and phone numbers: digit words ("oh" is zero), "double four", "triple nine", teens, tens
 * with or without a unit ("twenty seven", "forty-one"), and "hundred"/"thousand" after a number
 * ("eight hundred" is 800, as in "one eight hundred").
 */
final class SpokenDigits {
  private SpokenDigits() {}

  /** A cheap check before {@link #read}: false when no unit can start at this token. */
  static boolean mayStart(Token t) {
    if (t.kind() == Token.Kind.DIGITS) {
      return true;
    }
    if (t.kind() != Token.Kind.WORD) {
      return false;
    }
    String w = t.text();
    return NumberWords.isNumberWord(w) || w.equals("double") || w.equals("triple");
  }

  /** Appends the unit's digits to {@code out} and returns the token after it, or -1 for none. */
  static int read(List<Token> tokens, int i, StringBuilder out) {
    Token t = tokens.get(i);
    if (t.kind() == Token.Kind.DIGITS) {
      out.append(t.text());
      return i + 1;
    }
    if (t.kind() != Token.Kind.WORD) {
      return -1;
    }
    String w = t.text();
    if ((w.equals("double") || w.equals("triple")) && i + 1 < tokens.size()) {
      int d = singleDigit(tokens.get(i + 1));
      if (d < 0) {
        return -1;
      }
      out.append(String.valueOf(d).repeat(w.equals("double") ? 2 : 3));
      return i + 2;
    }
    int d = NumberWords.digit(w);
    if (d >= 0) {
      out.append(d);
      return scale(tokens, i + 1, out);
    }
    int teen = NumberWords.teen(w);
    if (teen >= 0) {
      out.append(teen);
      return scale(tokens, i + 1, out);
    }
    int tens = NumberWords.tens(w);
    if (tens < 0) {
      return -1;
    }
    int j = i + 1;
    if (j < tokens.size() && tokens.get(j).is("-") && !tokens.get(j).spaced()) {
      j++;
    }
    if (j < tokens.size()) {
      int unit = NumberWords.digit(tokens.get(j).text());
      if (unit > 0 && tokens.get(j).kind() == Token.Kind.WORD && !tokens.get(j).is("o")) {
        out.append(tens + unit);
        return j + 1;
      }
    }
    out.append(tens);
    return i + 1;
  }

  private static int singleDigit(Token t) {
    if (t.kind() == Token.Kind.DIGITS && t.text().length() == 1) {
      return t.text().charAt(0) - '0';
    }
    return t.kind() == Token.Kind.WORD ? NumberWords.digit(t.text()) : -1;
  }

  private static int scale(List<Token> tokens, int j, StringBuilder out) {
    if (j < tokens.size()) {
      if (tokens.get(j).is("hundred")) {
        out.append("00");
        return j + 1;
      }
      if (tokens.get(j).is("thousand")) {
        out.append("000");
        return j + 1;
      }
    }
    return j;
  }
}
