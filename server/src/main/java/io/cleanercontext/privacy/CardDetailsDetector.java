package io.cleanercontext.privacy;

import java.util.List;

/**
 * A card's security code (3-4 digits) and expiry date ("09/27", "oh nine twenty seven", "September
 * 2027") after their cues, in this turn or as the answer to the previous one.
 */
final class CardDetailsDetector implements Detector {
  private static final int WINDOW = 6;

  @Override
  public void find(Turn turn, List<Span> out) {
    for (int end : Cues.CVC.ends(turn.tokens, turn.previous())) {
      DigitRun run = turn.runAfter(end, WINDOW);
      if (run != null && !run.amount && run.digits.length() >= 3 && run.digits.length() <= 4) {
        out.add(new Span(PiiType.CVC, run.startChar, run.endChar));
      }
    }
    for (int end : Cues.EXPIRY.ends(turn.tokens, turn.previous())) {
      expiryAfter(turn, end, out);
    }
  }

  private static void expiryAfter(Turn turn, int from, List<Span> out) {
    List<Token> tokens = turn.tokens;
    for (int k = from; k < tokens.size() && k - from <= WINDOW; k++) {
      if (NumberWords.month(tokens.get(k).text()) > 0) {
        DigitRun year = turn.runAfter(k + 1, 1);
        if (year != null && (year.digits.length() == 2 || year.digits.length() == 4)) {
          out.add(new Span(PiiType.EXPIRY, tokens.get(k).start(), year.endChar));
          return;
        }
      }
      DigitRun run = turn.runAfter(k, 0);
      if (run != null) {
        if (!run.amount && isExpiry(run.digits)) {
          out.add(new Span(PiiType.EXPIRY, run.startChar, run.endChar));
        }
        return;
      }
    }
  }

  /** MYY, MMYY, MYYYY or MMYYYY with a real month. */
  static boolean isExpiry(String d) {
    int monthDigits =
        switch (d.length()) {
          case 3, 5 -> 1;
          case 4 -> 2;
          case 6 -> d.startsWith("20", 2) ? 2 : 1;
          default -> 0;
        };
    if (monthDigits == 0 || (d.length() >= 5 && !d.startsWith("20", monthDigits))) {
      return false;
    }
    int month = Integer.parseInt(d.substring(0, monthDigits));
    return month >= 1 && month <= 12;
  }
}
