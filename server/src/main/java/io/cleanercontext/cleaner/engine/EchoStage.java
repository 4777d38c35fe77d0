package io.cleanercontext.cleaner.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes fragments the streaming STT engine emits twice when it re-decodes the end of an
 * utterance:
 *
 * <ul>
 *   <li>a glued tail: "on Google.C on Google." or "possible.sible", where the text right after a
 *       punctuation mark with no space repeats the end of what came before, starting mid-word;
 *   <li>a repeated phrase of two or more words: "are still low. are still low".
 * </ul>
 *
 * Guards: a glued fragment must start inside a word (a whole-word repeat such as "sales.Sales" may
 * be a real new sentence); a repeated phrase must not contain numbers, must not be separated by a
 * comma ("I know, I know" is deliberate) and, after a full stop, must start in lower case ("Thank
 * you. Thank you." is polite, not an echo).
 */
final class EchoStage implements TextStage {

  private static final Pattern GLUED = Pattern.compile("(?<=[\\p{L}\\p{N}])[.!?,](?=\\p{L})");
  private static final int MAX_ECHO_WORDS = 8;
  private static final int MIN_ECHO_LETTERS = 3;

  @Override
  public String name() {
    return "echo";
  }

  @Override
  public String apply(String text, List<Correction> out) {
    String t = removeGluedTails(text, out);
    return removeRepeatedPhrases(t, out);
  }

  private static String removeGluedTails(String text, List<Correction> out) {
    int from = 0;
    Matcher m = GLUED.matcher(text);
    while (from < text.length() && m.find(from)) {
      int p = m.start();
      String before = text.substring(0, p);
      String after = text.substring(p + 1);
      int cut = echoLength(before, after);
      if (cut <= 0) {
        from = p + 1;
        continue;
      }
      String fragment = after.substring(0, cut).strip();
      out.add(new Correction(fragment, "", Confidence.HIGH, "echo"));
      String rest = after.substring(cut).strip();
      text = before + text.charAt(p) + (rest.isEmpty() ? "" : " " + rest);
      m = GLUED.matcher(text);
      from = p + 1;
    }
    return text;
  }

  /** Length of the prefix of {@code after} that echoes the end of {@code before}, or 0. */
  private static int echoLength(String before, String after) {
    List<int[]> words = new ArrayList<>(); // [start, coreEnd, end] within after
    int i = 0;
    int n = after.length();
    while (i < n && words.size() < MAX_ECHO_WORDS) {
      while (i < n && after.charAt(i) == ' ') {
        i++;
      }
      if (i >= n) {
        break;
      }
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
      words.add(new int[] {start, coreEnd, i});
      if (coreEnd < i) {
        break; // punctuation ends the candidate fragment
      }
    }
    String beforeLower = before.toLowerCase(Locale.ROOT);
    for (int j = words.size(); j >= 1; j--) {
      int[] last = words.get(j - 1);
      String cand = after.substring(0, last[1]).toLowerCase(Locale.ROOT);
      if (letters(cand) < MIN_ECHO_LETTERS || !beforeLower.endsWith(cand)) {
        continue;
      }
      int startInBefore = before.length() - cand.length();
      // the echo starts inside a word of the earlier text: a whole-word repeat may be real speech
      if (startInBefore > 0 && Character.isLetterOrDigit(before.charAt(startInBefore - 1))) {
        return last[2];
      }
    }
    return 0;
  }

  private static int letters(String s) {
    int c = 0;
    for (int i = 0; i < s.length(); i++) {
      if (Character.isLetter(s.charAt(i))) {
        c++;
      }
    }
    return c;
  }

  private static String removeRepeatedPhrases(String text, List<Correction> out) {
    List<Tokens.Token> tokens = Tokens.split(text);
    boolean changed = false;
    for (int i = 0; i < tokens.size(); i++) {
      for (int len = Math.min(MAX_ECHO_WORDS, (tokens.size() - i) / 2); len >= 2; len--) {
        if (isRepeat(tokens, i, len)) {
          List<Tokens.Token> second = tokens.subList(i + len, i + 2 * len);
          out.add(new Correction(Tokens.join(second), "", Confidence.HIGH, "echo"));
          Tokens.Token firstLast = tokens.get(i + len - 1);
          String secondTrail = second.get(len - 1).trail();
          if (!firstLast.endsSentence() && !secondTrail.isEmpty()) {
            tokens.set(i + len - 1, firstLast.withTrail(secondTrail));
          }
          second.clear();
          changed = true;
          len = Math.min(MAX_ECHO_WORDS, (tokens.size() - i) / 2) + 1; // look for a third copy
        }
      }
    }
    return changed ? Tokens.join(tokens) : text;
  }

  private static boolean isRepeat(List<Tokens.Token> tokens, int i, int len) {
    for (int k = 0; k < len; k++) {
      Tokens.Token a = tokens.get(i + k);
      Tokens.Token b = tokens.get(i + len + k);
      if (a.core().isEmpty() || a.hasDigit() || !a.core().equalsIgnoreCase(b.core())) {
        return false;
      }
      if (!b.lead().isEmpty() || (k > 0 && !a.lead().isEmpty())) {
        return false;
      }
      if (k < len - 1 && (!a.trail().isEmpty() || !b.trail().isEmpty())) {
        return false;
      }
    }
    String separator = tokens.get(i + len - 1).trail();
    if (separator.isEmpty()) {
      return true;
    }
    for (int c = 0; c < separator.length(); c++) {
      char ch = separator.charAt(c);
      if (ch != '.' && ch != '?' && ch != '!') {
        return false;
      }
    }
    // after a full stop an echo continues mid-sentence; a capitalised repeat is a new sentence
    return Character.isLowerCase(tokens.get(i + len).core().charAt(0));
  }
}
