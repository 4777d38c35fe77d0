package io.cleanercontext.cleaner.engine;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The number of a junction or an exit written in digits, as on the signs, when the sentence names
 * the road: "junction ten of the M6" to junction 10, "take exit twelve off I-95" to exit 12. With
 * no road in the sentence the words stay ("the exit ten minutes away", "junction two is shut").
 */
final class JunctionNumbers {

  /** The nouns a road's numbered junctions go by ({@code cleaning/road-exits.txt}). */
  private static final Set<String> EXITS = WordList.load("/cleaning/road-exits.txt");

  /** A road as {@link RoadNameStage} writes it: M6, A61, B1230, I-95. */
  private static final Pattern ROAD = Pattern.compile("[MAB]\\d{1,4}|I-\\d{1,3}");

  /** No junction or exit number is longer. */
  private static final int MAX_DIGITS = 3;

  private JunctionNumbers() {}

  /** Writes the junction numbers of {@code tokens} in digits; true when one changed. */
  static boolean apply(List<Tokens.Token> tokens, List<Correction> out) {
    boolean changed = false;
    for (int i = 0; i + 1 < tokens.size(); i++) {
      Tokens.Token t = tokens.get(i);
      if (!EXITS.contains(t.lower()) || !t.trail().isEmpty()) {
        continue;
      }
      int end = i + 1;
      while (end < tokens.size()
          && tokens.get(end).lead().isEmpty()
          && SpokenForm.isNumberWord(tokens.get(end).lower())) {
        end++;
        if (!tokens.get(end - 1).trail().isEmpty()) {
          break; // the number ends at the punctuation
        }
      }
      if (end == i + 1 || !roadInSentence(tokens, i)) {
        continue;
      }
      String digits = SpokenForm.digits(tokens, i + 1, end);
      boolean endsThere = end == tokens.size() || !tokens.get(end - 1).trail().isEmpty();
      if (digits.length() > MAX_DIGITS
          || !endsThere && RoadNameStage.countedNoun(tokens.get(end).lower())) {
        continue;
      }
      RoadNameStage.replace(tokens, i + 1, end, digits, out);
      changed = true;
    }
    return changed;
  }

  /** True when the sentence of token {@code i} names a road. */
  private static boolean roadInSentence(List<Tokens.Token> tokens, int i) {
    int start = i;
    while (start > 0 && !tokens.get(start - 1).endsSentence()) {
      start--;
    }
    for (int k = start; k < tokens.size(); k++) {
      if (ROAD.matcher(tokens.get(k).core()).matches()) {
        return true;
      }
      if (k >= i && tokens.get(k).endsSentence()) {
        return false;
      }
    }
    return false;
  }
}
