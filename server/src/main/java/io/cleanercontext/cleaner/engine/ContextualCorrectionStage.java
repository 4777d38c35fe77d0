package io.cleanercontext.cleaner.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Restores misheard terms by matching phrases of the user turn (1 to 4 words, or up to 5 words that
 * the STT split apart) against the vocabulary the AI used in the context window and the domain
 * lexicon.
 *
 * <p>Precision comes first. A change needs one of:
 *
 * <ul>
 *   <li>the same letters, only cased or spaced differently ("call back widget" to "Callback
 *       Widget"), when the AI said the term, it is brand-spelled, or the user's words are not plain
 *       English;
 *   <li>a multi-word phrase where every word but one matches exactly, at least one matching word
 *       carries content ("google adds" to "Google Ads", "vector of marketing" to "Director of
 *       Marketing"), and the odd word sounds alike (same Double Metaphone code) or, when the
 *       context backs the term, is a close spelling or a rhyme of it;
 *   <li>a single non-dictionary word that sounds and is spelled like an entity the AI named.
 * </ul>
 *
 * Numbers, function words and inflections (the user said "heads", not "head") are never changed; a
 * word that is itself a known term is kept; exact matches lock their words against fuzzy ones.
 */
final class ContextualCorrectionStage implements Stage {

  static final String NAME = "contextual";
  private static final String ENTITY_CASING = "entity_casing";

  private static final double MIN_CONTEXT_SIMILARITY = 0.6;
  private static final double MIN_ENTITY_JARO_WINKLER = 0.85;
  private static final double SCORE_EXACT = 3.0;
  private static final double SCORE_SOUND_ALIKE = 2.0;

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
    return apply(text, turn.vocabulary(), turn.lexicon(), out);
  }

  String apply(String text, TermIndex context, Lexicon titles, List<Correction> out) {
    TermIndex lexicon = titles.index();
    if (context.isEmpty() && lexicon.isEmpty()) {
      return text;
    }
    UserWords w = new UserWords(Tokens.split(text));
    int n = w.lower.length;
    List<TermMatch> matches = new ArrayList<>();
    LongSet seen = new LongSet(32);
    TermIndex[] indexes = {context, lexicon};
    for (int i = 0; i < n; i++) {
      String word = w.lower[i];
      if (word.isEmpty() || w.tokens.get(i).hasDigit() || CommonWords.isStopword(word)) {
        continue;
      }
      for (TermIndex idx : indexes) {
        consider(idx.byWord(word), i, w, context, lexicon, seen, matches);
        if (word.length() >= 3) {
          consider(idx.byCode(w.code(i)), i, w, context, lexicon, seen, matches);
        }
      }
    }
    SplitTerms.findSplitTerms(w, indexes, matches);
    if (matches.isEmpty()) {
      return text;
    }
    List<TermMatch> chosen = TermMatches.choose(matches, n);
    chosen.removeIf(m -> roleNamed(m, w, titles) || everydayWordHere(m, w, titles));
    return TermMatches.apply(w, chosen, out);
  }

  /**
   * "we grow sage", "you get my drift", "to google it": a tool of the lexicon that is one everyday
   * word ("Sage", "Drift", "Google") and that nobody in the call named is only cased where a name
   * is meant, beside a brand's cue ("we're on sage", "the zoom app") or where a sentence starts.
   */
  private static boolean everydayWordHere(TermMatch m, UserWords w, Lexicon titles) {
    Term t = m.term();
    int at = m.start();
    return m.len() == 1
        && !t.contextual
        && !t.brandLike
        && m.reason().equals(ENTITY_CASING)
        && !titles.isTitle(t.phrase)
        && EnglishDictionary.get().isLowerCaseWord(t.lower[0])
        && at > 0
        && !w.tokens.get(at - 1).endsSentence()
        && !NameCues.brandCue(w.tokens, at, 1);
  }

  /**
   * "I'm the managing partner", "my office manager", "one receptionist": a job title after a
   * determiner or a number names the role, a common noun phrase the user wrote in lower case, not
   * the title itself ("Practice Manager at Kingsmead", "promoted to Director of Marketing"); its
   * words stay as said (and stay locked against other matches).
   */
  private static boolean roleNamed(TermMatch m, UserWords w, Lexicon titles) {
    if (!m.reason().equals(ENTITY_CASING) || !titles.isTitle(m.term().phrase) || m.start() == 0) {
      return false;
    }
    Tokens.Token before = w.tokens.get(m.start() - 1);
    return before.trail().isEmpty()
        && EnglishDictionary.get()
            .can(before.lower(), EnglishDictionary.DETERMINER | EnglishDictionary.NUMBER);
  }

  private void consider(
      List<TermIndex.Posting> postings,
      int i,
      UserWords w,
      TermIndex context,
      TermIndex lexicon,
      LongSet seen,
      List<TermMatch> matches) {
    for (TermIndex.Posting p : postings) {
      int start = i - p.position();
      Term term = p.term();
      if (start < 0 || start + term.size() > w.lower.length) {
        continue;
      }
      if (!seen.add(((long) start << 32) | term.serial)) {
        continue;
      }
      TermMatch m = evaluateAligned(w, start, term, context, lexicon);
      if (m != null) {
        matches.add(m);
      }
    }
  }

  private TermMatch evaluateAligned(
      UserWords w, int start, Term term, TermIndex context, TermIndex lexicon) {
    int k = term.size();
    int mismatches = 0;
    int odd = -1;
    int contentAnchors = 0;
    for (int j = 0; j < k; j++) {
      Tokens.Token t = w.tokens.get(start + j);
      if (t.core().isEmpty()
          || (j > 0 && !t.lead().isEmpty())
          || (j < k - 1 && !t.trail().isEmpty())) {
        return null; // a phrase never spans punctuation
      }
      String u = w.lower[start + j];
      if (u.equals(term.lower[j])) {
        if (!CommonWords.isStopword(u)) {
          contentAnchors++;
        }
      } else {
        mismatches++;
        odd = j;
      }
    }
    if (mismatches == 0) {
      return exactTermMatch(w, start, term);
    }
    if (mismatches > 1) {
      return null;
    }
    Tokens.Token ut = w.tokens.get(start + odd);
    String u = w.lower[start + odd];
    String e = term.lower[odd];
    if (ut.hasDigit()
        || hasDigit(e)
        || u.length() < 2
        || CommonWords.isStopword(u)
        || CommonWords.isStopword(e)
        || Phonetics.isInflection(u, e)
        || EnglishDictionary.get().lemmas(u).contains(e)
        || isKnownTerm(u, context, lexicon)) {
      return null;
    }
    String uCode = w.code(start + odd);
    boolean sameCode =
        !uCode.isEmpty() && (uCode.equals(term.primary[odd]) || uCode.equals(term.alternate[odd]));
    int ld = Phonetics.levenshtein(u, e);
    int maxLen = Math.max(u.length(), e.length());
    int minLen = Math.min(u.length(), e.length());
    if (k == 1) {
      return evaluateEntityWord(start, term, u, e, sameCode, ld, maxLen);
    }
    if (contentAnchors == 0) {
      return null;
    }
    boolean closeName =
        term.contextual
            && term.proper
            && sameCode
            && ld <= 2
            && minLen >= 4
            && Phonetics.jaroWinkler(u, e)
                >= MIN_ENTITY_JARO_WINKLER; // "rosy tanner" for "Rosie Tanner"
    if (sameCode && ld <= Math.max(1, maxLen / 3) || closeName) {
      return new TermMatch(
          start,
          k,
          term,
          SCORE_SOUND_ALIKE,
          term.surface,
          term.contextual ? Confidence.HIGH : Confidence.MEDIUM,
          "sound_alike_term");
    }
    // beyond an identical sound, the conversation itself must back the term: the AI said it, or
    // said its other words ("Head of Marketing" backs "vector of marketing" -> "Director of
    // Marketing")
    if (!term.contextual && !anchorsInContext(term, odd, context)) {
      return null;
    }
    if (ld == 1 && minLen >= 4) {
      return new TermMatch(
          start, k, term, 1.5, term.surface, Confidence.MEDIUM, "near_spelling_term");
    }
    if (k >= 3 && (Phonetics.commonPrefix(u, e) >= 2 || Phonetics.commonSuffix(u, e) >= 3)) {
      double sim =
          Math.max(
              Phonetics.jaroWinkler(u, e),
              Math.max(
                  1.0 - (double) ld / maxLen, Phonetics.codeSimilarity(uCode, term.primary[odd])));
      if (sim >= MIN_CONTEXT_SIMILARITY) {
        return new TermMatch(
            start, k, term, sim, term.surface, Confidence.MEDIUM, "context_phrase");
      }
    }
    return null;
  }

  /** Single word vs a single-word entity: only a non-dictionary word that sounds like a name. */
  private TermMatch evaluateEntityWord(
      int start, Term term, String u, String e, boolean sameCode, int ld, int maxLen) {
    if (!term.proper
        || !(term.contextual || term.brandLike)
        || CommonWords.isCommon(u)
        // an everyday word ("hiring a temp") is never a name it sounds like ("Tempe")
        || EnglishDictionary.get().isLowerCaseWord(u)
        || u.length() < 4
        || Phonetics.jaroWinkler(u, e) < MIN_ENTITY_JARO_WINKLER) {
      return null;
    }
    // one edit that sounds alike ("Pria" for "Priya"); Beider-Morse catches name spellings Double
    // Metaphone codes apart. Two edits only for long words with an identical code.
    boolean oneEdit = ld == 1 && (sameCode || Phonetics.beiderMorseOverlap(u, e));
    boolean twoEdits = ld == 2 && sameCode && maxLen >= 7 && Math.abs(u.length() - e.length()) <= 1;
    if (!oneEdit && !twoEdits) {
      return null;
    }
    return new TermMatch(
        start, 1, term, 1.5, term.surface, Confidence.MEDIUM, "entity_sound_alike");
  }

  private TermMatch exactTermMatch(UserWords w, int start, Term term) {
    int k = term.size();
    StringBuilder said = new StringBuilder();
    for (int j = 0; j < k; j++) {
      if (j > 0) {
        said.append(' ');
      }
      said.append(w.tokens.get(start + j).core());
    }
    // a lone common word is only re-cased when it is spelled like a brand (PPC, HubSpot)
    boolean recase =
        term.proper
            && !said.toString().equals(term.surface)
            && (k > 1 || term.brandLike || !CommonWords.isCommon(term.lower[0]));
    return new TermMatch(
        start, k, term, SCORE_EXACT, recase ? term.surface : null, Confidence.HIGH, ENTITY_CASING);
  }

  private static boolean anchorsInContext(Term term, int odd, TermIndex context) {
    for (int j = 0; j < term.size(); j++) {
      if (j != odd
          && !CommonWords.isStopword(term.lower[j])
          && context.containsWord(term.lower[j])) {
        return true;
      }
    }
    return false;
  }

  private static boolean isKnownTerm(String word, TermIndex context, TermIndex lexicon) {
    return context.byPhrase(word) != null || lexicon.byPhrase(word) != null;
  }

  private static boolean hasDigit(String s) {
    return s.chars().anyMatch(Character::isDigit);
  }
}
