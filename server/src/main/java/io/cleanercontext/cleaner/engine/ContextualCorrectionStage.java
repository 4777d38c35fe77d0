package io.cleanercontext.cleaner.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
final class ContextualCorrectionStage {

  static final String NAME = "contextual";

  private static final int MAX_SPLIT_WORDS = 5;
  private static final double MIN_CONTEXT_SIMILARITY = 0.6;
  private static final double MIN_ENTITY_JARO_WINKLER = 0.85;
  private static final double SCORE_EXACT = 3.0;
  private static final double SCORE_JOINED = 2.5;
  private static final double SCORE_SOUND_ALIKE = 2.0;

  private record Match(
      int start,
      int len,
      Term term,
      double score,
      String replacement,
      Confidence confidence,
      String reason) {}

  /**
   * Per-call view of the user's words; keys, codes and word-list checks are computed on first use.
   */
  private static final class Words {
    final List<Tokens.Token> tokens;
    final String[] lower;
    final String[] code;
    final String[] joined;
    final Boolean[] common;

    Words(List<Tokens.Token> tokens) {
      this.tokens = tokens;
      this.lower = new String[tokens.size()];
      this.code = new String[tokens.size()];
      this.joined = new String[tokens.size()];
      this.common = new Boolean[tokens.size()];
      for (int i = 0; i < lower.length; i++) {
        lower[i] = tokens.get(i).lower();
      }
    }

    /** The core's letters and digits, lower-cased ({@link Tokens#joinedKey}). */
    String joined(int i) {
      if (joined[i] == null) {
        joined[i] = Tokens.joinedKey(tokens.get(i).core());
      }
      return joined[i];
    }

    boolean isCommon(int i) {
      if (common[i] == null) {
        common[i] = CommonWords.isCommon(tokens.get(i).core());
      }
      return common[i];
    }

    String code(int i) {
      if (code[i] == null) {
        String letters = Tokens.joinedKey(lower[i]);
        code[i] = letters.isEmpty() ? "" : Phonetics.primary(letters);
      }
      return code[i];
    }
  }

  String apply(String text, TermIndex context, TermIndex lexicon, List<Correction> out) {
    if (context.isEmpty() && lexicon.isEmpty()) {
      return text;
    }
    Words w = new Words(Tokens.split(text));
    int n = w.lower.length;
    List<Match> matches = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
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
    findSplitTerms(w, indexes, matches);
    if (matches.isEmpty()) {
      return text;
    }
    return applyMatches(w, choose(matches, n), out);
  }

  private void consider(
      List<TermIndex.Posting> postings,
      int i,
      Words w,
      TermIndex context,
      TermIndex lexicon,
      Set<Long> seen,
      List<Match> matches) {
    for (TermIndex.Posting p : postings) {
      int start = i - p.position();
      Term term = p.term();
      if (start < 0 || start + term.size() > w.lower.length) {
        continue;
      }
      if (!seen.add(((long) start << 32) | term.serial)) {
        continue;
      }
      Match m = evaluateAligned(w, start, term, context, lexicon);
      if (m != null) {
        matches.add(m);
      }
    }
  }

  private Match evaluateAligned(
      Words w, int start, Term term, TermIndex context, TermIndex lexicon) {
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
      return exactMatch(w, start, term);
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
      return new Match(
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
      return new Match(start, k, term, 1.5, term.surface, Confidence.MEDIUM, "near_spelling_term");
    }
    if (k >= 3 && (Phonetics.commonPrefix(u, e) >= 2 || Phonetics.commonSuffix(u, e) >= 3)) {
      double sim =
          Math.max(
              Phonetics.jaroWinkler(u, e),
              Math.max(
                  1.0 - (double) ld / maxLen, Phonetics.codeSimilarity(uCode, term.primary[odd])));
      if (sim >= MIN_CONTEXT_SIMILARITY) {
        return new Match(start, k, term, sim, term.surface, Confidence.MEDIUM, "context_phrase");
      }
    }
    return null;
  }

  /** Single word vs a single-word entity: only a non-dictionary word that sounds like a name. */
  private Match evaluateEntityWord(
      int start, Term term, String u, String e, boolean sameCode, int ld, int maxLen) {
    if (!term.proper
        || !(term.contextual || term.brandLike)
        || CommonWords.isCommon(u)
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
    return new Match(start, 1, term, 1.5, term.surface, Confidence.MEDIUM, "entity_sound_alike");
  }

  private Match exactMatch(Words w, int start, Term term) {
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
    return new Match(
        start,
        k,
        term,
        SCORE_EXACT,
        recase ? term.surface : null,
        Confidence.HIGH,
        "entity_casing");
  }

  /** "call back widget" for "Callback Widget", "p p c" for "PPC", "on line" for "online". */
  private void findSplitTerms(Words w, TermIndex[] indexes, List<Match> matches) {
    int maxKey = 0;
    for (TermIndex idx : indexes) {
      maxKey = Math.max(maxKey, idx.maxJoinedLength());
    }
    StringBuilder key = new StringBuilder();
    int n = w.lower.length;
    for (int start = 0; start < n; start++) {
      key.setLength(0);
      boolean allCommon = true;
      boolean allLetters = true;
      for (int s = 1; s <= MAX_SPLIT_WORDS && start + s <= n; s++) {
        Tokens.Token t = w.tokens.get(start + s - 1);
        if (t.core().isEmpty()
            || (s > 1 && (!t.lead().isEmpty() || !w.tokens.get(start + s - 2).trail().isEmpty()))) {
          break;
        }
        key.append(w.joined(start + s - 1));
        if (key.length() > maxKey) {
          break;
        }
        allCommon &= w.isCommon(start + s - 1);
        allLetters &= t.core().length() == 1;
        if (s == 1 && w.lower[start].contentEquals(key)) {
          continue; // one plain word: aligned matching covers it
        }
        String joined = key.toString();
        if (s > 1) {
          findInflectedOrNearSplit(w, indexes[0], start, s, joined, matches);
        }
        for (TermIndex idx : indexes) {
          for (Term term : idx.byJoined(joined)) {
            if (s == term.size() && sameWords(w, start, term)) {
              continue;
            }
            if ((term.contextual || term.brandLike || !allCommon || (allLetters && s > 1))
                && !(allEveryday(w, start, s) && EverydaySense.holds(w.tokens, start, s))) {
              matches.add(
                  new Match(
                      start,
                      s,
                      term,
                      SCORE_JOINED,
                      term.surface,
                      term.contextual ? Confidence.HIGH : Confidence.MEDIUM,
                      "split_term"));
            }
          }
        }
      }
    }
  }

  /**
   * A term the AI said or the caller gave, heard split and inflected ("call back widgets" for
   * "Callback Widget": the plural is kept) or split with one letter off ("upton upon seven" for
   * "Upton-upon-Severn", "e pose now" for "Epos Now"). One letter off needs a word of the span that
   * is no everyday word (a name, a lone letter): "shop if I" stays as said.
   */
  private void findInflectedOrNearSplit(
      Words w, TermIndex context, int start, int s, String joined, List<Match> matches) {
    if (context.isEmpty()) {
      return;
    }
    // candidates first (hash lookups), the neighbour and dictionary guards only for a candidate
    List<Term> inflected =
        joined.length() > 4 && joined.endsWith("s")
            ? context.byJoined(joined.substring(0, joined.length() - 1))
            : List.of();
    List<Term> near = joined.length() >= 7 ? context.nearJoined(joined) : List.of();
    if (inflected.isEmpty() && near.isEmpty()) {
      return;
    }
    boolean everyday = allEveryday(w, start, s);
    if (everyday && EverydaySense.holds(w.tokens, start, s)) {
      return;
    }
    for (Term term : inflected) {
      if (term.contextual && !term.joinedKey.endsWith("s")) {
        matches.add(
            new Match(
                start,
                s,
                term,
                SCORE_JOINED,
                term.surface + "s",
                Confidence.HIGH,
                "split_term_inflected"));
      }
    }
    if (everyday) {
      return;
    }
    for (Term term : near) {
      if (term.contextual
          && term.proper
          && term.size() < s + 1
          && Phonetics.levenshtein(joined, term.joinedKey) == 1) {
        matches.add(
            new Match(
                start,
                s,
                term,
                SCORE_JOINED - 0.5,
                term.surface,
                Confidence.MEDIUM,
                "split_term_near"));
      }
    }
  }

  /**
   * Every word of the span is an everyday English word in lower case ("call", "back", "bright").
   */
  private static boolean allEveryday(Words w, int start, int len) {
    EnglishDictionary dict = EnglishDictionary.get();
    for (int j = start; j < start + len; j++) {
      String u = w.lower[j];
      boolean word = u.length() == 1 ? u.equals("a") || u.equals("i") : dict.isLowerCaseWord(u);
      if (!word) {
        return false; // a lone letter other than "a" and "I", a name, a garbled word
      }
    }
    return true;
  }

  private static boolean sameWords(Words w, int start, Term term) {
    for (int j = 0; j < term.size(); j++) {
      if (!w.lower[start + j].equals(term.lower[j])) {
        return false;
      }
    }
    return true;
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
    for (int i = 0; i < s.length(); i++) {
      if (Character.isDigit(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** Longest phrases first, then the best score; an exact match locks its words. */
  private static List<Match> choose(List<Match> matches, int n) {
    matches.sort(
        Comparator.comparingInt(Match::len)
            .reversed()
            .thenComparing(Comparator.comparingDouble(Match::score).reversed()));
    boolean[] used = new boolean[n];
    List<Match> chosen = new ArrayList<>();
    for (Match m : matches) {
      boolean free = true;
      for (int j = m.start(); j < m.start() + m.len(); j++) {
        free &= !used[j];
      }
      if (!free) {
        continue;
      }
      for (int j = m.start(); j < m.start() + m.len(); j++) {
        used[j] = true;
      }
      if (m.replacement() != null) {
        chosen.add(m);
      }
    }
    chosen.sort(Comparator.comparingInt(Match::start));
    return chosen;
  }

  private static String applyMatches(Words w, List<Match> chosen, List<Correction> out) {
    if (chosen.isEmpty()) {
      return Tokens.join(w.tokens);
    }
    List<Tokens.Token> result = new ArrayList<>(w.tokens.size());
    int next = 0;
    for (Match m : chosen) {
      while (next < m.start()) {
        result.add(w.tokens.get(next++));
      }
      Tokens.Token first = w.tokens.get(m.start());
      Tokens.Token last = w.tokens.get(m.start() + m.len() - 1);
      StringBuilder said = new StringBuilder();
      for (int j = m.start(); j < m.start() + m.len(); j++) {
        if (j > m.start()) {
          said.append(' ');
        }
        said.append(w.tokens.get(j).core());
      }
      String replacement = m.replacement();
      if (!m.term().proper && Tokens.isUpper(first.core())) {
        replacement = Tokens.capitalize(replacement); // keep a sentence-initial capital
      }
      if (!said.toString().equals(replacement)) {
        // corrections backed only by the caller's keyterms say so: their effect is measured on its
        // own
        String reason =
            m.term().source == Term.Source.KEYTERM ? "keyterm_" + m.reason() : m.reason();
        out.add(new Correction(said.toString(), replacement, m.confidence(), reason));
      }
      result.add(new Tokens.Token(first.lead(), replacement, last.trail()));
      next = m.start() + m.len();
    }
    while (next < w.tokens.size()) {
      result.add(w.tokens.get(next++));
    }
    return Tokens.join(result);
  }
}
