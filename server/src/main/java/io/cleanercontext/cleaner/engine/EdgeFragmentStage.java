package io.cleanercontext.cleaner.engine;

import java.util.List;

/**
 * Removes stray fragments at a turn's edges: the STT's cut-off start or end of a word it did not
 * finish ("s. We use Jobber", "we're on the waiting list th"). A fragment is a lower-case token of
 * at most three letters that is no English word (a single letter other than "a" and "i" is none; a
 * three-letter one with a full stop at the end is a finished word: "needs icu."); the turn must
 * keep other words. Everything inside the turn is left alone ("plan b", "p p c"), and so is a
 * letter that starts a spelling ("t v ads") and a unit after a number at the end ("22 mm").
 */
final class EdgeFragmentStage implements TextStage {

  private static final int MAX_FRAGMENT_LETTERS = 3;

  @Override
  public String name() {
    return "edge_fragment";
  }

  @Override
  public Kind kind() {
    return Kind.ARTIFACT;
  }

  @Override
  public String apply(String text, List<Correction> out) {
    List<Tokens.Token> tokens = Tokens.split(text);
    boolean changed = false;
    while (tokens.size() > 1
        && (isFragment(tokens.get(0), true, false) && !spellingStarts(tokens)
            || tailOfNext(tokens))) {
      out.add(new Correction(tokens.get(0).text(), "", Confidence.MEDIUM, Reason.EDGE_FRAGMENT));
      tokens.remove(0);
      changed = true;
    }
    while (tokens.size() > 1
        && !unitAfterNumber(tokens)
        && isFragment(
            tokens.get(tokens.size() - 1), false, tokens.get(tokens.size() - 2).endsSentence())) {
      Tokens.Token gone = tokens.remove(tokens.size() - 1);
      out.add(new Correction(gone.text(), "", Confidence.MEDIUM, Reason.EDGE_FRAGMENT));
      Tokens.Token last = tokens.get(tokens.size() - 1);
      if (last.trail().isEmpty() && gone.endsSentence()) {
        tokens.set(tokens.size() - 1, last.withTrail(gone.trail()));
      }
      changed = true;
    }
    return changed ? Tokens.join(tokens) : text;
  }

  /**
   * "sday, Wednesday works": the turn starts with the end of the word that follows it, cut off and
   * then said whole. The fragment is lower case and no English word ("day, Monday" stays), and the
   * turn goes on after the word said whole.
   */
  private static boolean tailOfNext(List<Tokens.Token> tokens) {
    Tokens.Token first = tokens.get(0);
    String frag = first.core();
    String next = tokens.get(1).lower();
    String trail = first.trail();
    return tokens.size() > 2
        && frag.length() >= 2
        && first.lead().isEmpty()
        && frag.equals(first.lower())
        && !first.hasDigit()
        && (trail.isEmpty() || trail.equals(",") || trail.equals("-") || first.endsSentence())
        && next.length() > frag.length()
        && next.endsWith(frag)
        && !EnglishDictionary.get().isLowerCaseWord(frag);
  }

  /** "the pipe is 22 mm", "peaks at 465 nm.": a short word right after a number is its unit. */
  private static boolean unitAfterNumber(List<Tokens.Token> tokens) {
    Tokens.Token before = tokens.get(tokens.size() - 2);
    return before.hasDigit() && before.trail().isEmpty();
  }

  /**
   * "t v ads", "v i p guests", "r and d credits": a letter that starts a spelling, not a cut-off
   * word: the next word is a letter other than "a" and "i", or "a", "i", "and", "n" before one ("t
   * I think" is a cut-off).
   */
  private static boolean spellingStarts(List<Tokens.Token> tokens) {
    Tokens.Token first = tokens.get(0);
    if (first.core().length() != 1 || !first.trail().isEmpty() || tokens.size() < 2) {
      return false;
    }
    String next = tokens.get(1).lower();
    if (next.length() == 1 && Character.isLetter(next.charAt(0)) && !Tokens.isOneLetterWord(next)) {
      return true;
    }
    boolean joins = Tokens.isOneLetterWord(next) || next.equals("and") || next.equals("n");
    return joins
        && tokens.get(1).trail().isEmpty()
        && tokens.size() > 2
        && tokens.get(2).lower().length() == 1
        && Character.isLetter(tokens.get(2).lower().charAt(0));
  }

  /**
   * A trailing single letter counts only as its own sentence ("last year. k"), never after a word
   * ("plan b").
   */
  private static boolean isFragment(Tokens.Token t, boolean leading, boolean lastEndsSentence) {
    String core = t.core();
    if (core.isEmpty() || core.length() > MAX_FRAGMENT_LETTERS || !t.lead().isEmpty() && leading) {
      return false;
    }
    for (int i = 0; i < core.length(); i++) {
      if (!Character.isLowerCase(core.charAt(i))) {
        return false; // names, acronyms, "I", numbers
      }
    }
    if (!leading && !t.trail().isEmpty() && !t.endsSentence()) {
      return false;
    }
    if (leading && !t.trail().isEmpty() && !t.endsSentence() && !t.trail().equals("-")) {
      return false;
    }
    if (core.length() == 1) {
      // "a" and "i" are words: an STT writing in lower case writes the pronoun "i"
      boolean word = Tokens.isOneLetterWord(core);
      return leading ? !word || core.equals("a") && t.endsSentence() : !word && lastEndsSentence;
    }
    if (!leading && core.length() == MAX_FRAGMENT_LETTERS && t.endsSentence()) {
      return false; // a finished three-letter word, often an acronym in lower case ("needs icu.")
    }
    return !EnglishDictionary.get().isLowerCaseWord(core) && !FillerStage.isFiller(core);
  }
}
