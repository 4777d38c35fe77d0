package io.cleanercontext.cleaner.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * A phrase of the AI's echoed by the user with one word misheard: "Is that Imogen, the venue
 * manager?" "Well, menu manager and everything else." The heard word's candidate is the word the AI
 * said beside the same neighbour ({@link TurnPhrases}) when the two sound at most one phoneme
 * apart; the neighbour is the cue. The evidence stage weighs it like any candidate: the sentence
 * must read likelier with it.
 */
final class PhraseEchoes {

  /** The source of a candidate the AI said beside the heard word's neighbour. */
  static final String CALL_PHRASE = "call_phrase";

  /**
   * At most one phoneme apart, of any kind ("menu": venue); a sound dropped or added costs less. A
   * keyterm's phrase was never said in the call, so its word must sound as alike as any sound
   * candidate ({@link WordCandidates#MAX_SOUND_DISTANCE}: "fine lion" is "fine line", "fine wine"
   * stays).
   */
  private static final double MAX_DISTANCE = 1.0;

  private final LanguageModel lm;
  private final Pronunciations sounds;

  PhraseEchoes(LanguageModel lm, Pronunciations sounds) {
    this.lm = lm;
    this.sounds = sounds;
  }

  /**
   * {@code candidates} with the words the AI said beside the heard word's neighbours, where those
   * sound like it; the same list when there are none.
   */
  List<WordCandidates.Candidate> with(
      List<WordCandidates.Candidate> candidates,
      List<Tokens.Token> tokens,
      int token,
      List<TurnPhrases> said) {
    String heard = tokens.get(token).core();
    if (said.isEmpty() || !TurnPhrases.content(heard)) {
      return candidates;
    }
    Tokens.Token self = tokens.get(token);
    String previous = null;
    String next = null;
    if (token > 0 && TurnPhrases.adjacent(tokens.get(token - 1), self)) {
      previous = tokens.get(token - 1).core();
    }
    if (token + 1 < tokens.size() && TurnPhrases.adjacent(self, tokens.get(token + 1))) {
      next = tokens.get(token + 1).core();
    }
    List<WordCandidates.Candidate> out = candidates;
    for (TurnPhrases phrases : said) {
      String[] found = next == null ? null : phrases.before(next);
      double most = phrases.heard ? MAX_DISTANCE : WordCandidates.MAX_SOUND_DISTANCE;
      out = add(out, candidates, heard, found, most);
      found = previous == null ? null : phrases.after(previous);
      out = add(out, candidates, heard, found, most);
    }
    return out;
  }

  private List<WordCandidates.Candidate> add(
      List<WordCandidates.Candidate> out,
      List<WordCandidates.Candidate> original,
      String heard,
      String[] words,
      double most) {
    if (words == null) {
      return out;
    }
    for (String w : words) {
      if (w.equals(heard) || Phonetics.isInflection(heard, w) || contains(out, w)) {
        continue;
      }
      double distance = sounds.distance(heard, w);
      int id = lm.id(w);
      if (id < 0 || distance < 0 || distance > most) {
        continue;
      }
      if (out == original) {
        out = new ArrayList<>(original);
      }
      out.add(new WordCandidates.Candidate(w, CALL_PHRASE, id, distance, true));
    }
    return out;
  }

  /**
   * The least language-model gain a candidate needs, beyond which the sentence must read likelier
   * with it (0): an echoed phrase needs only that the model not be against it (more than a tenth as
   * likely), as the model has seldom seen a trade's phrases ("venue manager") and the echo is the
   * evidence.
   */
  static double leastGain(String source) {
    return source.equals(CALL_PHRASE) ? -1.0 : 0.0;
  }

  /** A candidate the words around it call for: a confusion pattern's, or an echoed AI phrase's. */
  static boolean cued(String source) {
    return source.equals(WordCandidates.PATTERN) || source.equals(CALL_PHRASE);
  }

  private static boolean contains(List<WordCandidates.Candidate> list, String word) {
    for (WordCandidates.Candidate c : list) {
      if (c.word().equals(word)) {
        return true;
      }
    }
    return false;
  }
}
