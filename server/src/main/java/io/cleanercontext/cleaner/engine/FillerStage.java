package io.cleanercontext.cleaner.engine;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes hesitation fillers (um, uh, uhm, er, erm, hmm, mm) at FULL. Content words that are often
 * used as fillers ("like", "so", "well", "right", "you know") carry meaning too often to remove
 * without understanding the sentence, so they are kept. Back-channels with a hyphen ("uh-huh",
 * "mm-hmm") mean "yes" and are kept, and so is "mm" after a number ("a 22 mm pipe": millimetres).
 */
final class FillerStage implements TextStage {

  private static final Pattern FILLER = Pattern.compile("(?i)u+m+|u+h+m*|e+r+m*|h+m+|m{2,}");

  @Override
  public String name() {
    return "fillers";
  }

  @Override
  public Kind kind() {
    return Kind.FILLER;
  }

  /** Cheap check used by AUTO to decide whether FULL is worth it. */
  static boolean hasFiller(String text) {
    for (Tokens.Token t : Tokens.split(text)) {
      if (isFiller(t)) {
        return true;
      }
    }
    return false;
  }

  /** A hesitation sound ("um", "uhm", "hmm"), whatever punctuation surrounds it. */
  static boolean isFiller(String core) {
    // "ER" in capitals is the emergency room, not a hesitation
    return !core.isEmpty()
        && core.length() <= 6
        && FILLER_START.indexOf(core.charAt(0)) >= 0
        && !core.equals("ER")
        && FILLER.matcher(core).matches();
  }

  /** The letters a filler starts with: most words are ruled out before the pattern runs. */
  private static final String FILLER_START = "uUeEhHmM";

  private static boolean isFiller(Tokens.Token t) {
    return isFiller(t.core()) && t.lead().indexOf('-') < 0 && t.trail().indexOf('-') < 0;
  }

  /**
   * "a 22 mm pipe", "range from 1.22 mm per year": "mm" right after a number is millimetres, a
   * unit, not a hesitation.
   */
  private static boolean isUnitAfterNumber(List<Tokens.Token> tokens, int i) {
    if (i == 0 || !tokens.get(i).core().equals("mm")) {
      return false;
    }
    Tokens.Token before = tokens.get(i - 1);
    return before.hasDigit() && before.trail().isEmpty();
  }

  @Override
  public String apply(String text, List<Correction> out) {
    List<Tokens.Token> tokens = Tokens.split(text);
    boolean changed = false;
    for (int i = 0; i < tokens.size(); i++) {
      Tokens.Token t = tokens.get(i);
      if (!isFiller(t) || isUnitAfterNumber(tokens, i)) {
        continue;
      }
      out.add(new Correction(t.core(), "", Confidence.HIGH, Reason.FILLER));
      boolean sentenceStart = i == 0 || tokens.get(i - 1).endsSentence();
      // keep a sentence end that was attached to the filler ("... so, um.")
      if (t.endsSentence() && i > 0) {
        Tokens.Token prev = tokens.get(i - 1);
        if (!prev.endsSentence()) {
          String stop = t.trail().contains("?") ? "?" : t.trail().contains("!") ? "!" : ".";
          tokens.set(i - 1, prev.withTrail(stop));
        }
      }
      tokens.remove(i);
      if (i > 0 && i < tokens.size() && FillerPause.close(tokens, i, t, out)) {
        i--;
      }
      if (sentenceStart && i < tokens.size() && Tokens.isUpper(t.core())) {
        Tokens.Token next = tokens.get(i);
        tokens.set(i, next.withCore(Tokens.capitalize(next.core())));
      }
      i--;
      changed = true;
    }
    return changed ? Normalizer.tidy(Tokens.join(tokens)) : text;
  }
}
