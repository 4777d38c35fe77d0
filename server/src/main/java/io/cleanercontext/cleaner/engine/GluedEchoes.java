package io.cleanercontext.cleaner.engine;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The echoes of {@link EchoStage} that are glued to a punctuation mark, compared by characters: "a
 * day.a day", "calls.alls", "expensive.pensive".
 */
final class GluedEchoes {

  private static final Pattern GLUED = Pattern.compile("(?<=[\\p{L}\\p{N}])[.!?,](?=\\p{L})");

  /** "adds.ds": two letters are enough when they are the tail of the word and not a word. */
  private static final int MIN_FRAGMENT_LETTERS = 2;

  private GluedEchoes() {}

  private static int coreEnd(String fragment) {
    int end = fragment.length();
    while (end > 0 && !Character.isLetterOrDigit(fragment.charAt(end - 1))) {
      end--;
    }
    return end;
  }

  static String remove(String text, List<Correction> out) {
    if (!mayGlue(text)) {
      return text; // most turns: no mark with a letter right after it, so no match of GLUED
    }
    int from = 0;
    Matcher m = GLUED.matcher(text);
    while (from < text.length() && m.find(from)) {
      int p = m.start();
      String before = text.substring(0, p);
      String after = text.substring(p + 1);
      int cut = gluedEchoLength(before, after);
      if (cut <= 0) {
        from = p + 1;
        continue;
      }
      String fragment = after.substring(0, cut).strip();
      out.add(new Correction(fragment, "", Confidence.HIGH, Reason.ECHO));
      String rest = after.substring(cut).strip();
      String trail = fragment.substring(coreEnd(fragment));
      // "calls.alls all the time": the tail of one word, and the sentence goes on, so the mark
      // was the echo's too; after a whole word ("often.s often around") it may end a sentence
      int wordStart = before.length() - coreEnd(fragment);
      boolean partialWord =
          fragment.indexOf(' ') < 0
              && wordStart > 0
              && Character.isLetterOrDigit(before.charAt(wordStart - 1));
      String mark =
          partialWord && SentenceGoesOn.afterGlued(text, trail, rest)
              ? trail
              : String.valueOf(text.charAt(p));
      text = before + mark + (rest.isEmpty() ? "" : " " + rest);
      m = GLUED.matcher(text);
      from = p + 1;
    }
    return text;
  }

  /**
   * Whether {@link #GLUED} may match: a mark it looks for with a letter right after it (what comes
   * before is the pattern's to check). A loop over the text, cheaper than the pattern's search.
   */
  static boolean mayGlue(String text) {
    for (int p = 0; p + 1 < text.length(); p++) {
      char c = text.charAt(p);
      if ((c == '.' || c == '!' || c == '?' || c == ',')
          && Character.isLetter(text.codePointAt(p + 1))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Length of the prefix of {@code after} (ending at a word end) that echoes the end of {@code
   * before}, or 0.
   */
  private static int gluedEchoLength(String before, String after) {
    String beforeLower = before.toLowerCase(Locale.ROOT);
    int n = after.length();
    int best = 0;
    int words = 0;
    int i = 0;
    while (i < n && words < EchoStage.MAX_ECHO_WORDS) {
      int start = i;
      while (i < n && after.charAt(i) != ' ') {
        i++;
      }
      int coreEnd = i;
      while (coreEnd > start && !Character.isLetterOrDigit(after.charAt(coreEnd - 1))) {
        coreEnd--;
      }
      if (coreEnd == start) {
        break;
      }
      words++;
      String cand = after.substring(0, coreEnd).toLowerCase(Locale.ROOT);
      int letters = EchoStage.letters(cand);
      if (letters >= MIN_FRAGMENT_LETTERS && beforeLower.endsWith(cand)) {
        int startInBefore = before.length() - cand.length();
        boolean midWord =
            startInBefore > 0 && Character.isLetterOrDigit(before.charAt(startInBefore - 1));
        // two letters ("adds.ds") only as the non-word tail of the word before the mark
        boolean longEnough =
            letters >= EchoStage.MIN_ECHO_LETTERS
                || midWord && words == 1 && !EnglishDictionary.get().isWord(cand);
        boolean endsHere = coreEnd == n || isSentenceEnd(after, coreEnd);
        // a whole-word repeat glued to the mark: an echo when lower case or when nothing follows it
        if (longEnough && (midWord || endsHere || Character.isLowerCase(after.charAt(0)))) {
          best = i;
        }
      }
      if (coreEnd < i) {
        break; // punctuation ends the candidate fragment
      }
      while (i < n && after.charAt(i) == ' ') {
        i++;
      }
    }
    return best;
  }

  private static boolean isSentenceEnd(String s, int at) {
    for (int k = at; k < s.length() && s.charAt(k) != ' '; k++) {
      char c = s.charAt(k);
      if (c == '.' || c == '!' || c == '?') {
        return true;
      }
    }
    return false;
  }
}
