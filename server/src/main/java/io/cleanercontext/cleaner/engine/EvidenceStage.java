package io.cleanercontext.cleaner.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Word correction by evidence: for each word, the candidates that sound like it (CMU dictionary
 * homophones and one-phoneme neighbours, {@link Pronunciations}) or share a confusion set with it
 * ({@link ConfusionSets}); for each candidate, the evidence ({@link WordEvidence}: how it sounds,
 * how much likelier the sentence reads with it, how common the heard word is, whether the call said
 * it, the recogniser's doubt); one decision ({@link EvidenceScorer}) takes the best candidate whose
 * score clears the fitted threshold. "people have to weight twenty minutes" -> "wait", "no brake
 * till six" -> "break"; "hiring a temp" stays, as no candidate makes that sentence likelier.
 *
 * <p>Names (a capital inside a sentence), numbers and words the model does not know are left to the
 * other stages.
 */
final class EvidenceStage implements Stage {

  static final String NAME = "evidence";
  static final String REASON = "evidence";

  /** One candidate the stage weighed, for the fitting tool. */
  record Considered(int token, WordEvidence evidence, boolean accepted) {}

  private final LanguageModel lm = LanguageModel.get();
  private final Pronunciations sounds = Pronunciations.get();
  private final ConfusionSets sets = ConfusionSets.get();
  private final EvidenceScorer scorer;
  private final Consumer<Considered> observer;

  /** A stage deciding with {@code scorer}; {@code observer} (or null) sees every candidate. */
  EvidenceStage(EvidenceScorer scorer, Consumer<Considered> observer) {
    this.scorer = scorer;
    this.observer = observer;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Kind kind() {
    return Kind.WORD;
  }

  @Override
  public String apply(String text, StageInput turn, List<Correction> out) {
    return apply(text, said(turn.conversation()), null, out);
  }

  /**
   * @param said words said earlier in the call and the keyterms' words: lower case to the spelling
   *     the call used (a name keeps its capital)
   * @param confidences the recogniser's per-word confidence for the turn's words, or null
   */
  String apply(String text, Map<String, String> said, double[] confidences, List<Correction> out) {
    List<Tokens.Token> tokens = Tokens.split(text);
    int n = tokens.size();
    int[] ids = new int[n];
    for (int i = 0; i < n; i++) {
      ids[i] = lm.id(tokens.get(i).lower());
    }
    boolean changed = false;
    int sentenceStart = 0;
    for (int i = 0; i < n; i++) {
      Tokens.Token t = tokens.get(i);
      int sentenceEnd = sentenceEnd(tokens, i);
      if (i > 0 && tokens.get(i - 1).endsSentence()) {
        sentenceStart = i;
      }
      if (!correctable(t, i == sentenceStart) || ids[i] < 0) {
        continue;
      }
      String heard = t.lower();
      WordEvidence best = null;
      double bestLogit = Double.NEGATIVE_INFINITY;
      double doubt = confidences != null && i < confidences.length ? 1.0 - confidences[i] : 0.0;
      for (String[] c : candidates(heard)) {
        int cid = lm.id(c[0]);
        if (cid < 0 || !(said.containsKey(c[0]) || plainWord(c[0]))) {
          continue;
        }
        double gain = gain(ids, i, cid, sentenceStart, sentenceEnd);
        if (gain <= 0) {
          continue; // a change must make the sentence likelier: hearing is never worse evidence
        }
        double distance = Math.max(0.0, sounds.distance(heard, c[0]));
        WordEvidence e =
            new WordEvidence(
                heard,
                c[0],
                c[1],
                distance,
                gain,
                lm.unigram(ids[i]),
                lm.unigram(cid),
                said.containsKey(c[0]) ? rarity(lm.unigram(cid)) : 0.0,
                doubt);
        boolean accepted = scorer.accepts(e);
        if (observer != null) {
          observer.accept(new Considered(i, e, accepted));
        }
        double logit = scorer.logit(e);
        if (accepted && logit > bestLogit) {
          best = e;
          bestLogit = logit;
        }
      }
      if (best != null) {
        String spelled = said.getOrDefault(best.candidate(), best.candidate());
        String replacement =
            Character.isUpperCase(t.core().charAt(0)) ? Tokens.capitalize(spelled) : spelled;
        out.add(new Correction(t.core(), replacement, Confidence.MEDIUM, REASON, best));
        tokens.set(i, t.withCore(replacement));
        ids[i] = lm.id(best.candidate());
        changed = true;
      }
    }
    return changed ? Tokens.join(tokens) : text;
  }

  /** Sound neighbours and confusion-set partners of the word, each with its source. */
  private List<String[]> candidates(String heard) {
    List<String[]> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String c : sets.partners(heard)) {
      if (seen.add(c)) {
        out.add(new String[] {c, "confusion_set"});
      }
    }
    for (String c : sounds.neighbours(heard)) {
      if (seen.add(c) && !Phonetics.isInflection(heard, c)) {
        out.add(new String[] {c, "sound"});
      }
    }
    return out;
  }

  /**
   * log10 P(sentence with candidate) - log10 P(sentence as heard), over the trigrams that see
   * position i (i, i+1, i+2 within the sentence, and the sentence end when it is that close).
   */
  private double gain(int[] ids, int i, int candidate, int start, int end) {
    int heard = ids[i];
    double with = windowScore(ids, i, candidate, start, end);
    double without = windowScore(ids, i, heard, start, end);
    return with - without;
  }

  private double windowScore(int[] ids, int i, int word, int start, int end) {
    double s = 0;
    for (int j = i; j <= Math.min(i + 2, end + 1); j++) {
      int w = j == end + 1 ? lm.sentenceEnd : at(ids, j, i, word);
      int v = j - 1 < start ? lm.sentenceStart : at(ids, j - 1, i, word);
      int u = j - 2 < start ? (j - 1 < start ? -1 : lm.sentenceStart) : at(ids, j - 2, i, word);
      s += lm.prob(u, v, w);
    }
    return s;
  }

  /**
   * How much a word said earlier in the call tells: nothing for everyday words everybody says
   * ("are", "to"), more the rarer the word (log10 unigram below -4).
   */
  private static double rarity(double logProb) {
    return Math.max(0.0, -4.0 - logProb);
  }

  private static int at(int[] ids, int j, int i, int word) {
    return j == i ? word : ids[j];
  }

  private static int sentenceEnd(List<Tokens.Token> tokens, int i) {
    int j = i;
    while (j < tokens.size() - 1 && !tokens.get(j).endsSentence()) {
      j++;
    }
    return j;
  }

  /** A word of everyday English (not a letter, an abbreviation or only a name). */
  private static boolean plainWord(String lower) {
    return lower.length() >= 2 && EnglishDictionary.get().isLowerCaseWord(lower);
  }

  /** Plain lower-case words (a capital only where a sentence starts), no digits. */
  private static boolean correctable(Tokens.Token t, boolean sentenceStart) {
    String core = t.core();
    if (core.isEmpty() || t.hasDigit()) {
      return false;
    }
    for (int k = 1; k < core.length(); k++) {
      if (Character.isUpperCase(core.charAt(k))) {
        return false;
      }
    }
    return sentenceStart || !Character.isUpperCase(core.charAt(0));
  }

  /** Words said earlier in the call (the context window) and the keyterms' words. */
  private static Map<String, String> said(ConversationContext context) {
    if (context == null) {
      return Map.of();
    }
    List<String> texts = new ArrayList<>(context.keyterms());
    context.window().forEach(turn -> texts.add(turn.cleanedText()));
    return wordsOf(texts);
  }

  /**
   * The words of the given texts, lower case to their spelling, for {@code said}: a capital kept
   * only where no sentence starts (a name), so "Reid" stays "Reid" and "Sale." at a start is
   * "sale".
   */
  static Map<String, String> wordsOf(Iterable<String> texts) {
    Map<String, String> out = new HashMap<>();
    for (String text : texts) {
      List<Tokens.Token> tokens = Tokens.split(text);
      for (int i = 0; i < tokens.size(); i++) {
        String core = tokens.get(i).core();
        String lower = core.toLowerCase(Locale.ROOT);
        boolean starts = i == 0 || tokens.get(i - 1).endsSentence();
        if (!starts && !core.equals(lower)) {
          out.put(lower, core);
        } else {
          out.putIfAbsent(lower, lower);
        }
      }
    }
    return out;
  }
}
