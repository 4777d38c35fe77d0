package io.cleanercontext.cleaner.engine;

import java.util.List;

/**
 * Joins an everyday closed compound the recogniser wrote as two words ("pay roll" to "payroll",
 * "since every one went hybrid" to "everyone", "an up date" to "update") when the sentence reads
 * far likelier with the compound: its trigram gain ({@link SentenceGain}) must be at least {@link
 * #LEAST_GAIN}, a thousand times likelier. Many such pairs are right as two words in their place
 * ("it may be late", "turn him in to the police", "some times that suit you", "12 and over
 * estimate"); the model's gain there stays under 2.4 on the precision probe, the splits the stage
 * is for reach 3 and more.
 *
 * <p>Only two plain lower-case words of at least two letters each, with no punctuation between
 * them, whose joined form the spelling dictionaries write in lower case and the model knows. The
 * call's terms and known names were joined by the stages before this one.
 */
final class SplitCompoundStage implements TextStage {

  static final String REASON = "split_compound";

  /** log10 of how much likelier the sentence must read joined. */
  static final double LEAST_GAIN = 3.0;

  private final LanguageModel lm = LanguageModel.get();
  private final SentenceGain gains = new SentenceGain(lm);

  @Override
  public String name() {
    return "split_compounds";
  }

  @Override
  public Kind kind() {
    return Kind.WORD;
  }

  @Override
  public String apply(String text, List<Correction> out) {
    List<Tokens.Token> tokens = Tokens.split(text);
    boolean changed = false;
    int start = 0;
    while (start < tokens.size()) {
      int end = start;
      while (end < tokens.size() - 1 && !tokens.get(end).endsSentence()) {
        end++;
      }
      int joined = joinIn(tokens, start, end + 1, out);
      changed |= joined > 0;
      start = end + 1 - joined;
    }
    return changed ? Tokens.join(tokens) : text;
  }

  /** Joins the best-reading compounds of the sentence [from, to); how many tokens it removed. */
  private int joinIn(List<Tokens.Token> tokens, int from, int to, List<Correction> out) {
    int removed = 0;
    SentenceGain.Sentence sentence = gains.sentence(lm.ids(tokens, from, to));
    for (int i = from; i + 1 < to - removed; i++) {
      int compound = compoundAt(tokens, i);
      if (compound < 0) {
        continue;
      }
      int at = i - from;
      double gain =
          gains.gain(sentence, at, 2, new int[] {compound}, gains.asHeard(sentence, at, 2));
      if (gain >= LEAST_GAIN) {
        Tokens.Token first = tokens.get(i);
        Tokens.Token second = tokens.get(i + 1);
        String word = first.core() + second.core();
        out.add(
            new Correction(first.core() + " " + second.core(), word, Confidence.MEDIUM, REASON));
        tokens.set(i, new Tokens.Token(first.lead(), word, second.trail()));
        tokens.remove(i + 1);
        removed++;
        sentence = gains.sentence(lm.ids(tokens, from, to - removed));
      }
    }
    return removed;
  }

  /** The model's id of the compound the words at i and i + 1 make, or -1. */
  private int compoundAt(List<Tokens.Token> tokens, int i) {
    Tokens.Token first = tokens.get(i);
    Tokens.Token second = tokens.get(i + 1);
    if (!first.trail().isEmpty() || !second.lead().isEmpty()) {
      return -1;
    }
    String a = first.core();
    String b = second.core();
    if (a.length() < 2 || b.length() < 2 || !plain(a) || !plain(b)) {
      return -1;
    }
    String compound = a + b;
    return EnglishDictionary.get().isLowerCaseWord(compound) ? lm.id(compound) : -1;
  }

  private static boolean plain(String word) {
    for (int k = 0; k < word.length(); k++) {
      char c = word.charAt(k);
      if (c < 'a' || c > 'z') {
        return false;
      }
    }
    return true;
  }
}
