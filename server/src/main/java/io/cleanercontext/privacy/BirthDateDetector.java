package io.cleanercontext.privacy;

import java.util.List;

/**
 * Dates of birth after a cue ("date of birth", "born on", "birthday"): "12/05/1980", "5th May
 * 1980", "May the fifth, nineteen eighty", "the twenty-first of March". Dates without a cue
 * (deliveries, appointments) are not personal data and are left alone.
 */
final class BirthDateDetector implements Detector {
  private static final int WINDOW = 6;

  @Override
  public void find(Turn turn, List<Span> out) {
    List<Token> t = turn.tokens;
    for (int cue : Cues.BIRTH.ends(t, turn.previous())) {
      for (int k = cue; k < t.size() && k - cue <= WINDOW; k++) {
        int end = DateReader.read(t, k);
        if (end > k) {
          out.add(new Span(PiiType.DOB, t.get(k).start(), t.get(end - 1).end()));
          break;
        }
      }
    }
  }
}
