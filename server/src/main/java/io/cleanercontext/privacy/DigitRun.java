package io.cleanercontext.privacy;

import java.util.ArrayList;
import java.util.List;

/**
 * A stretch of a turn that reads as a string of digits, written ("4111 1111", "212-555-0147") or
 * spoken ("four one one one", "double oh seven", "twenty seven"), cut into units (one token or one
 * spoken number) and groups (what punctuation or separate written numbers delimit: "123-45-6789"
 * has groups of 3, 2 and 4 digits). It also says what makes the digits unlikely to be personal
 * data: a price, a number glued to letters (a product code), a slash (a date).
 */
final class DigitRun {
  final String digits;

  /**
   * Unit u covers digits [unitDigit[u], unitDigit[u+1]) and tokens [unitToken[u], unitToken[u+1]).
   */
  final int[] unitDigit;

  final int[] unitFirstToken;
  final int[] unitEndToken;
  final int[] unitGroup;
  final int startChar;
  final int endChar;
  final int firstToken;
  final int endToken;
  final boolean amount;
  final boolean glued;
  final boolean slashed;
  final boolean plus;
  final boolean spoken;

  private DigitRun(Builder b, List<Token> tokens) {
    int units = b.first.size();
    this.digits = b.digits.toString();
    this.unitDigit = toArray(b.digitStart, digits.length());
    this.unitFirstToken = toArray(b.first, -1);
    this.unitEndToken = toArray(b.end, -1);
    this.unitGroup = toArray(b.group, -1);
    this.firstToken = unitFirstToken[0];
    this.endToken = unitEndToken[units - 1];
    int lead = firstToken - 1;
    boolean opener =
        lead >= 0
            && ((tokens.get(lead).is("(") || tokens.get(lead).is("+"))
                    && !tokens.get(firstToken).spaced()
                || tokens.get(lead).is("plus"));
    this.startChar = opener ? tokens.get(lead).start() : tokens.get(firstToken).start();
    this.endChar = tokens.get(endToken - 1).end();
    this.plus = lead >= 0 && (tokens.get(lead).is("+") || tokens.get(lead).is("plus"));
    this.slashed = b.slashed;
    this.spoken = b.spoken;
    this.amount =
        b.amount
            || Context.isMoneyBefore(tokens, firstToken)
            || Context.isMoneyAfter(tokens, endToken);
    this.glued =
        Context.isGluedBefore(tokens, firstToken) || Context.isGluedAfter(tokens, endToken);
  }

  private static int[] toArray(List<Integer> values, int last) {
    int[] out = new int[values.size() + (last >= 0 ? 1 : 0)];
    for (int i = 0; i < values.size(); i++) {
      out[i] = values.get(i);
    }
    if (last >= 0) {
      out[values.size()] = last;
    }
    return out;
  }

  int units() {
    return unitFirstToken.length;
  }

  /** The digits of units [from, to). */
  String digits(int from, int to) {
    return digits.substring(unitDigit[from], unitDigit[to]);
  }

  int charStart(List<Token> tokens, int unit) {
    return unit == 0 ? startChar : tokens.get(unitFirstToken[unit]).start();
  }

  int charEnd(List<Token> tokens, int unitEnd) {
    return tokens.get(unitEndToken[unitEnd - 1] - 1).end();
  }

  /** The number of digits in each group, in order. */
  int[] groupSizes() {
    int groups = unitGroup[units() - 1] + 1;
    int[] sizes = new int[groups];
    for (int u = 0; u < units(); u++) {
      sizes[unitGroup[u]] += unitDigit[u + 1] - unitDigit[u];
    }
    return sizes;
  }

  /** Every run of the turn, in order. */
  static List<DigitRun> find(List<Token> tokens) {
    List<DigitRun> runs = new ArrayList<>();
    int i = 0;
    while (i < tokens.size()) {
      if (!SpokenDigits.mayStart(tokens.get(i))) {
        i++;
        continue;
      }
      Builder b = new Builder();
      int next = b.unit(tokens, i);
      if (next < 0) {
        i++;
        continue;
      }
      i = next;
      while (i < tokens.size()) {
        int after = b.separatorThenUnit(tokens, i);
        if (after < 0) {
          break;
        }
        i = after;
      }
      runs.add(new DigitRun(b, tokens));
    }
    return runs;
  }

  private static final class Builder {
    final StringBuilder digits = new StringBuilder();
    final List<Integer> digitStart = new ArrayList<>();
    final List<Integer> first = new ArrayList<>();
    final List<Integer> end = new ArrayList<>();
    final List<Integer> group = new ArrayList<>();
    int currentGroup;
    boolean slashed;
    boolean spoken;
    boolean amount;
    boolean lastWritten;

    /** Reads one unit at i; returns the token after it, or -1 (nothing appended) when none is. */
    int unit(List<Token> tokens, int i) {
      int mark = digits.length();
      int next = SpokenDigits.read(tokens, i, digits);
      if (next < 0) {
        return -1;
      }
      boolean written = tokens.get(i).kind() == Token.Kind.DIGITS;
      if (!first.isEmpty() && (written || lastWritten)) {
        currentGroup++;
      }
      spoken |= !written;
      lastWritten = written;
      digitStart.add(mark);
      first.add(i);
      end.add(next);
      group.add(currentGroup);
      return next;
    }

    /** Reads punctuation or nothing, then a unit; -1 when the run ends at i. */
    int separatorThenUnit(List<Token> tokens, int i) {
      int j = i;
      boolean separated = false;
      while (j < tokens.size() && j - i < 2 && Context.isSeparator(tokens.get(j))) {
        Token sep = tokens.get(j);
        slashed |= sep.is("/") || sep.is("slash");
        amount |= Context.isAmountSeparator(tokens, j);
        separated = true;
        j++;
      }
      if (j >= tokens.size()) {
        return -1;
      }
      int groupBefore = currentGroup;
      int next = unit(tokens, j);
      if (next >= 0 && separated && currentGroup == groupBefore) {
        currentGroup++;
        group.set(group.size() - 1, currentGroup);
      }
      return next;
    }
  }
}
