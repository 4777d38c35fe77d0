package io.cleanercontext.privacy;

import java.util.List;

/** Bank account numbers (6-17 digits) and UK sort codes (6 digits) after their cues. */
final class BankDetector implements Detector {
  private static final int WINDOW = 6;

  @Override
  public void find(Turn turn, List<Span> out) {
    for (int end : Cues.SORT_CODE.ends(turn.tokens, turn.previous())) {
      DigitRun run = turn.runAfter(end, WINDOW);
      if (run != null && !run.amount && run.digits.length() == 6) {
        out.add(new Span(PiiType.SORT_CODE, run.startChar, run.endChar));
      }
    }
    for (int end : Cues.ACCOUNT.ends(turn.tokens, turn.previous())) {
      DigitRun run = turn.runAfter(end, WINDOW);
      if (run != null
          && !run.amount
          && !run.glued
          && run.digits.length() >= 6
          && run.digits.length() <= 17
          && !Context.referenceBefore(
              turn.tokens, run.firstToken, Math.min(3, run.firstToken - end))) {
        out.add(new Span(PiiType.BANK_ACCOUNT, run.startChar, run.endChar));
      }
    }
  }
}
