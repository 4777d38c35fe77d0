package io.cleanercontext.cleaner.engine;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Collapses stutters of any word: "the the" to "the", "we're we're" to "we're", "I I" to "I", "I-I"
 * to "I", "w- we" to "we", also before a capitalised word ("it It was") and across a full stop
 * where the first copy is a word no sentence ends on ("we. We were", "the. The problem"). Words
 * that English legitimately doubles ("had had", "that that", "bye bye", "very very", "no no") and
 * number words ("one one" in a phone number) are kept. A comma between the words marks a deliberate
 * repeat ("yeah, yeah") and is kept too. A subject pronoun before its own contraction is a restart
 * ("I I'm" to "I'm"); the capital an STT puts after a restart moves back ({@link RestartCase}).
 */
final class StutterStage implements TextStage {

  private static final Set<String> LEGIT_REPEATS = WordList.load("/cleaning/intended-repeats.txt");

  @Override
  public String name() {
    return "stutter";
  }

  @Override
  public Kind kind() {
    return Kind.ARTIFACT;
  }

  @Override
  public String apply(String text, List<Correction> out) {
    List<Tokens.Token> tokens = Tokens.split(text);
    boolean changed = false;
    for (int i = 0; i + 1 < tokens.size(); i++) {
      Tokens.Token a = tokens.get(i);
      Tokens.Token b = tokens.get(i + 1);
      if (a.core().isEmpty() || b.core().isEmpty() || a.hasDigit() || !b.lead().isEmpty()) {
        continue;
      }
      String la = a.lower();
      boolean same =
          la.equals(b.lower())
              && isLetters(la)
              && !LEGIT_REPEATS.contains(la)
              && !insideSpelling(tokens, i);
      if (same && (a.trail().isEmpty() || endsOnFunctionWord(a))) {
        out.add(
            new Correction(a.core() + " " + b.core(), a.core(), Confidence.HIGH, Reason.STUTTER));
        tokens.set(i, a.withTrail(b.trail()));
        tokens.remove(i + 1);
        RestartCase.fix(tokens, i);
        changed = true;
        i--;
      } else if (RestartCase.isPronounRestart(a, b)) {
        // "I I'm": the pronoun, then the pronoun again with its verb
        String kept = Tokens.isUpper(a.core()) ? Tokens.capitalize(b.core()) : b.core();
        out.add(new Correction(a.core() + " " + b.core(), kept, Confidence.HIGH, Reason.STUTTER));
        tokens.set(i + 1, b.withCore(kept));
        tokens.remove(i);
        RestartCase.fix(tokens, i);
        changed = true;
        i--;
      } else if (a.trail().equals("-")
          && la.length() <= 3
          && isLetters(la)
          && b.lower().startsWith(la)
          && b.lower().length() > la.length()) {
        // "w- we": a cut-off start of the next word
        out.add(
            new Correction(a.text() + " " + b.core(), b.core(), Confidence.HIGH, Reason.STUTTER));
        tokens.remove(i);
        changed = true;
        i--;
      }
    }
    for (int i = 0; i < tokens.size(); i++) {
      Tokens.Token t = tokens.get(i);
      int dash = t.core().indexOf('-');
      if (dash > 0) {
        String head = t.core().substring(0, dash);
        String tail = t.core().substring(dash + 1);
        String lh = head.toLowerCase(Locale.ROOT);
        if (lh.equals(tail.toLowerCase(Locale.ROOT))
            && isLetters(lh)
            && !LEGIT_REPEATS.contains(lh)) {
          out.add(new Correction(t.core(), head, Confidence.HIGH, Reason.STUTTER));
          tokens.set(i, t.withCore(head));
          changed = true;
        } else if (RestartCase.isPronounRestart(
            new Tokens.Token("", head, ""), new Tokens.Token("", tail, ""))) {
          // "I-I'm", "we-we're"
          String kept = Tokens.isUpper(head) ? Tokens.capitalize(tail) : tail;
          out.add(new Correction(t.core(), kept, Confidence.HIGH, Reason.STUTTER));
          tokens.set(i, t.withCore(kept));
          changed = true;
        }
      }
    }
    return changed ? Tokens.join(tokens) : text;
  }

  /**
   * "h i i t", "a p p s": a single letter doubled between two other single letters, one of them
   * neither the article "a" nor the pronoun "I", is the spelling of a name with a double letter
   * (HIIT), not a stutter; "I I think" has no spelled letter around it. So is a letter other than
   * "a" and "I" doubled beside another single letter ("p p c", "w w w"), and a letter doubled after
   * a determiner or a number ("the a a", "two a a batteries": AA).
   */
  private static boolean insideSpelling(List<Tokens.Token> tokens, int i) {
    Tokens.Token doubled = tokens.get(i);
    if (doubled.core().length() != 1) {
      return false;
    }
    Tokens.Token after = i + 2 < tokens.size() ? tokens.get(i + 2) : null;
    boolean letterAfter =
        after != null
            && after.lower().length() == 1
            && tokens.get(i + 1).trail().isEmpty()
            && after.lead().isEmpty();
    Tokens.Token before = i > 0 ? tokens.get(i - 1) : null;
    boolean letterBefore =
        before != null && before.lower().length() == 1 && before.trail().isEmpty();
    if (spelledLetter(doubled) && (letterAfter || letterBefore)) {
      return true; // "p p c", "w w w": a letter that is no word, doubled inside a spelling
    }
    if (before == null) {
      return false;
    }
    if (before.trail().isEmpty()
        && !doubled.lower().equals("i")
        && cannotPrecedeTheArticle(before.lower())) {
      return true; // "the a a", "two a a batteries": the name AA, not a stuttered article
    }
    return letterAfter && letterBefore && (spelledLetter(before) || spelledLetter(after));
  }

  /** A determiner or a number: the article cannot follow it, so a letter after it is spelled. */
  private static boolean cannotPrecedeTheArticle(String w) {
    return EnglishDictionary.get().only(w, EnglishDictionary.DETERMINER)
        || SpokenForm.isNumberWord(w);
  }

  /** A lone letter that is not the article "a" or the pronoun "I": "h", "t", "d". */
  private static boolean spelledLetter(Tokens.Token t) {
    String w = t.lower();
    return w.length() == 1 && Character.isLetter(w.charAt(0)) && !Tokens.isOneLetterWord(w);
  }

  /** Letters, with apostrophes inside ("we're", "don't"). */
  private static boolean isLetters(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean inner = i > 0 && i < s.length() - 1 && (c == '\'' || c == '\u2019');
      if (!Character.isLetter(c) && !inner) {
        return false;
      }
    }
    return !s.isEmpty();
  }

  /**
   * "we. We were": the first copy ends a sentence on a pronoun, determiner, conjunction or a
   * pronoun's contraction, where no sentence ends; the STT put the stop inside the stutter.
   */
  private static boolean endsOnFunctionWord(Tokens.Token a) {
    if (!a.trail().equals(".")) {
      return false;
    }
    EnglishDictionary dict = EnglishDictionary.get();
    return dict.only(
            a.lower(),
            EnglishDictionary.PRONOUN
                | EnglishDictionary.DETERMINER
                | EnglishDictionary.CONJUNCTION)
        || a.lower().contains("'") && dict.can(a.lower(), EnglishDictionary.PRONOUN);
  }
}
