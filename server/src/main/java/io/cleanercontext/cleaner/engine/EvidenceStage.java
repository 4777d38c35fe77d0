package io.cleanercontext.cleaner.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Word correction by evidence: for each word, the candidates that sound like it (CMU dictionary
 * homophones and one-phoneme neighbours, {@link Pronunciations}) or share a confusion set with it
 * ({@link ConfusionSets}); for each candidate, the evidence ({@link WordEvidence}: how it sounds,
 * how much likelier the sentence reads with it, how common the heard word is, whether the call said
 * it, the recogniser's doubt); one decision ({@link EvidenceScorer}) takes the best candidate whose
 * score clears the fitted threshold. "people have to weight twenty minutes" -> "wait", "no brake
 * till six" -> "break"; "hiring a temp" stays, as no candidate makes that sentence likelier. Names
 * (a capital inside a sentence) and numbers are left to the other stages.
 */
final class EvidenceStage implements Stage {

  static final String NAME = "evidence";

  /** Reason codes are this prefix and the candidate's source: {@code evidence_sound}, ... */
  static final String REASON = "evidence_";

  /** The source of a run heard for a name the call said or a keyterm ({@link TermSounds}). */
  static final String CALL_TERM = "call_term";

  /** The source of a run heard for a name of the lists nobody said ({@link ListedNameRuns}). */
  static final String LISTED_NAME = "listed_name";

  /** One candidate the stage weighed, for the fitting tool. */
  record Considered(int token, int length, WordEvidence evidence, boolean accepted) {}

  private final LanguageModel lm = LanguageModel.get();
  private final Pronunciations sounds = Pronunciations.get();
  private final ConfusionSets sets = ConfusionSets.get();
  private final SentenceGain gains = new SentenceGain(lm);
  private final WordCandidates wordCandidates = new WordCandidates(lm, sounds, sets);
  private final TermSounds termSounds = new TermSounds(sounds);
  private final ListedNameRuns listedNames = new ListedNameRuns(NameSounds.get(), termSounds, lm);
  private final RunEvidence runs = new RunEvidence(lm, gains);
  private final PhraseEchoes echoes = new PhraseEchoes(lm, sounds);
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
    ConversationContext conversation = turn.conversation();
    return apply(
        text,
        new CallWords(
            () -> conversation == null ? List.of() : conversation.saidWords(),
            () -> conversation == null ? List.of() : conversation.saidPhrases()),
        turn.vocabulary().callNames(termSounds),
        new NamedPlaces(conversation, text),
        turn.confidences(text),
        out);
  }

  /**
   * @param said words said earlier in the call and the keyterms' words: lower case to the spelling
   *     the call used (a name keeps its capital)
   * @param names the call's names (keyterms, names the AI said) a run of heard words may sound
   *     like, with their phonemes
   * @param places the places the call named, for a place nobody said that may lie near them
   * @param confidences the recogniser's per-word confidence for the turn's words, or null
   */
  String apply(
      String text,
      CallWords said,
      CallNames names,
      NamedPlaces places,
      double[] confidences,
      List<Correction> out) {
    List<Tokens.Token> tokens = new ArrayList<>(Tokens.split(text));
    int[] all = lm.ids(tokens, 0, tokens.size());
    HeardWords heardPhones = termSounds.heard(tokens, all);
    boolean changed = false;
    int sentenceStart = 0;
    int clauseStart = 0; // the model's sentence: see SentenceGain.endsPhrase
    SentenceGain.Sentence sentence = null; // the model's sentence at clauseStart, until a change
    for (int i = 0; i < tokens.size(); i++) {
      if (i > 0 && tokens.get(i - 1).endsSentence()) {
        sentenceStart = i;
      }
      if (i > 0 && SentenceGain.endsPhrase(tokens.get(i - 1))) {
        clauseStart = i;
        sentence = null;
      }
      int clauseEnd = SentenceGain.phraseEnd(tokens, i);
      if (sentence == null) {
        sentence = gains.sentence(Arrays.copyOfRange(all, clauseStart, clauseEnd + 1));
      }
      int at = i - clauseStart;
      double doubt = StageInput.doubt(confidences, i);
      EvidenceChoice best = null;
      if (correctable(tokens.get(i), i == sentenceStart)
          && !SentenceGain.aloneInSentence(clauseStart, clauseEnd, sentenceStart)) {
        best = bestWord(tokens, sentence, at, i, said, doubt);
      }
      for (int k = 1; !names.isEmpty() && k <= 4 && i + k - 1 <= clauseEnd; k++) {
        Tokens.Token end = tokens.get(i + k - 1);
        if (end.core().isEmpty()
            || k > 1 && !(tokens.get(i + k - 2).trail() + end.lead()).isEmpty()) {
          break; // a run is words, and never crosses punctuation ("we fit ... car and dean")
        }
        for (TermSounds.Match m : termSounds.matches(heardPhones, i, k, names)) {
          Term t = m.term();
          WordEvidence e =
              runs.of(
                  t.surface, t.lower, CALL_TERM, m.cost(), tokens, i, k, sentence, at, doubt, 0);
          best = decide(e, i, k, best);
        }
      }
      for (ListedNameRuns.Candidate c : listedNames.at(heardPhones, i, clauseEnd)) {
        NameSounds.Name n = c.name();
        double near = (c.kinds() & KnownNames.PLACE) != 0 ? places.near(n.spelling()) : 0;
        if (c.kinds() == KnownNames.PLACE && near == 0) {
          continue; // a place nobody said is heard only near a place the call named
        }
        WordEvidence e =
            runs.of(
                n.spelling(),
                n.lower(),
                LISTED_NAME,
                c.cost(),
                tokens,
                i,
                c.length(),
                sentence,
                at,
                doubt,
                near);
        best = e == null ? best : decide(e, i, c.length(), best);
      }
      if (best != null) {
        String spelled = best.length() > 1 ? null : said.spelling(best.evidence().candidate());
        spelled = spelled == null ? best.evidence().candidate() : spelled;
        Tokens.Token first = tokens.get(i);
        Tokens.Token last = tokens.get(i + best.length() - 1);
        String replacement =
            Character.isUpperCase(first.core().charAt(0)) ? Tokens.capitalize(spelled) : spelled;
        out.add(
            new Correction(
                heard(tokens, i, best.length()),
                replacement,
                Confidence.MEDIUM,
                REASON + best.evidence().source(),
                best.evidence()));
        for (int k = 1; k < best.length(); k++) {
          tokens.remove(i + 1);
        }
        tokens.set(i, new Tokens.Token(first.lead(), replacement, last.trail()));
        all = lm.ids(tokens, 0, tokens.size());
        sentence = null;
        heardPhones = termSounds.heard(tokens, all);
        changed = true;
      }
    }
    return changed ? Tokens.join(tokens) : text;
  }

  private EvidenceChoice bestWord(
      List<Tokens.Token> tokens,
      SentenceGain.Sentence sentence,
      int at,
      int token,
      CallWords said,
      double doubt) {
    int[] ids = sentence.ids;
    EvidenceChoice best = null;
    String heard = tokens.get(token).lower();
    boolean known = ids[at] >= 0;
    List<WordCandidates.Candidate> candidates =
        known
            ? wordCandidates.of(heard, ConfusionPatterns.replacement(tokens, token))
            : said.contains(heard) ? List.of() : wordCandidates.ofNonWord(heard);
    candidates = known ? echoes.with(candidates, tokens, token, said.phrases()) : candidates;
    if (candidates.isEmpty()) {
      return null;
    }
    List<ConfusionPatterns.Condition> wanted = WordClassCues.wanted(tokens, token);
    double asHeard = gains.asHeard(sentence, at, 1);
    double surprise = gains.surprise(sentence, at, 1);
    double[] gain = new double[candidates.size()];
    for (int k = 0; k < gain.length; k++) {
      WordCandidates.Candidate c = candidates.get(k);
      boolean allowed = c.plain() || said.contains(c.word());
      // a known word's candidate counts only above its least gain (a non-word's every gain does)
      double least = known ? PhraseEchoes.leastGain(c.source()) : Double.NEGATIVE_INFINITY;
      gain[k] = allowed ? gains.gainAbove(sentence, at, c.id(), asHeard, least) : 0;
    }
    if (!known) { // a non-word: the rule, not the scorer; a name of the call heard here wins
      int k = NonWordChoice.choose(gain);
      WordEvidence e =
          k < 0 ? null : evidence(heard, candidates.get(k), gain[k], said, doubt, surprise, false);
      return e == null ? null : new EvidenceChoice(e, scorer.threshold, 1);
    }
    for (int k = 0; k < gain.length; k++) {
      WordCandidates.Candidate c = candidates.get(k);
      boolean cue = WordClassCues.calls(wanted, c);
      if (gain[k] <= PhraseEchoes.leastGain(c.source())
          || FunctionHomophones.holdsBack(tokens, token, c, gain[k], cue)) {
        continue; // a change must make the sentence likelier (a function word's: by a cue)
      }
      best = decide(evidence(heard, c, gain[k], said, doubt, surprise, cue), token, 1, best);
    }
    return best;
  }

  private WordEvidence evidence(
      String heard,
      WordCandidates.Candidate c,
      double gain,
      CallWords said,
      double doubt,
      double surprise,
      boolean classCue) {
    int id = lm.id(heard);
    return new WordEvidence(
        heard,
        c.word(),
        c.source(),
        c.distance(),
        gain,
        lm.unigram(id),
        lm.unigram(c.id()),
        said.contains(c.word()) ? rarity(lm.unigram(c.id())) : 0.0,
        doubt,
        id >= 0 ? 0 : -1,
        surprise,
        classCue || PhraseEchoes.cued(c.source()) ? 1 : 0,
        0,
        0);
  }

  private EvidenceChoice decide(WordEvidence e, int token, int length, EvidenceChoice best) {
    boolean accepted = scorer.accepts(e);
    if (observer != null) {
      observer.accept(new Considered(token, length, e, accepted));
    }
    double logit = scorer.logit(e);
    EvidenceChoice c = new EvidenceChoice(e, logit, length);
    return accepted && c.outranks(best) ? c : best;
  }

  static String heard(List<Tokens.Token> tokens, int start, int length) {
    StringBuilder sb = new StringBuilder();
    for (int i = start; i < start + length; i++) {
      sb.append(i > start ? " " : "").append(tokens.get(i).core());
    }
    return sb.toString();
  }

  /**
   * How much a word said earlier in the call tells: nothing for everyday words everybody says
   * ("are", "to"), more the rarer the word (log10 unigram below -4).
   */
  static double rarity(double logProb) {
    return Math.max(0.0, -4.0 - logProb);
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
}
