package io.cleanercontext.privacy;

import java.util.List;

/**
 * Payment card numbers: 13-19 digits passing the Luhn check and starting like a card network's
 * numbers (2221-2720 and 3-6), written or spoken. Where a turn reads a longer string of digits
 * ("oh, four one one one ..."), the longest stretch that is a card number is taken. A number
 * introduced as a reference ("order number ...") is left alone unless the turn talks about a card.
 */
final class CardDetector implements Detector {

  @Override
  public void find(Turn turn, List<Span> out) {
    Boolean cardTalk = null;
    for (DigitRun run : turn.runs) {
      if (run.digits.length() < 13 || run.amount || run.glued || run.slashed) {
        continue;
      }
      if (Context.referenceBefore(turn.tokens, run.firstToken, 3)) {
        if (cardTalk == null) {
          cardTalk = Cues.CARD.anywhere(turn.tokens, turn.previous());
        }
        if (!cardTalk) {
          continue;
        }
      }
      best(turn, run, out);
    }
  }

  private static void best(Turn turn, DigitRun run, List<Span> out) {
    int bestFrom = -1;
    int bestTo = -1;
    int bestLength = 0;
    for (int from = 0; from < run.units(); from++) {
      for (int to = run.units(); to > from; to--) {
        int length = run.unitDigit[to] - run.unitDigit[from];
        if (length < 13 || length <= bestLength) {
          break;
        }
        if (length <= 19 && isCardNumber(run.digits(from, to))) {
          bestFrom = from;
          bestTo = to;
          bestLength = length;
          break;
        }
      }
    }
    if (bestFrom >= 0) {
      out.add(
          new Span(
              PiiType.CARD,
              run.charStart(turn.tokens, bestFrom),
              run.charEnd(turn.tokens, bestTo)));
    }
  }

  static boolean isCardNumber(String digits) {
    char first = digits.charAt(0);
    boolean network =
        (first >= '3' && first <= '6')
            || (first == '2' && between(digits.substring(0, 4), "2221", "2720"));
    return network && luhn(digits);
  }

  private static boolean between(String prefix, String low, String high) {
    return prefix.compareTo(low) >= 0 && prefix.compareTo(high) <= 0;
  }

  static boolean luhn(String digits) {
    int sum = 0;
    boolean twice = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (twice) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      twice = !twice;
    }
    return sum % 10 == 0;
  }
}
