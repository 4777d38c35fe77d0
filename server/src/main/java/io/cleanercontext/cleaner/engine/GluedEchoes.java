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

  private GluedEchoes() {}

  static String remove(String text, List<Correction> out) {
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
      text = before + text.charAt(p) + (rest.isEmpty() ? "" : " " + rest);
      m = GLUED.matcher(text);
      from = p + 1;
    }
    return text;
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
      if (EchoStage.letters(cand) >= EchoStage.MIN_ECHO_LETTERS && beforeLower.endsWith(cand)) {
        int startInBefore = before.length() - cand.length();
        boolean midWord =
            startInBefore > 0 && Character.isLetterOrDigit(before.charAt(startInBefore - 1));
        boolean endsHere = coreEnd == n || isSentenceEnd(after, coreEnd);
        // a whole-word repeat glued to the mark: an echo when lower case or when nothing follows it
        if (midWord || endsHere || Character.isLowerCase(after.charAt(0))) {
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
