package io.cleanercontext.cleaner.engine;

import java.util.List;

/**
 * The split spellings of terms for {@link ContextualCorrectionStage}: a term heard as several words
 * ("kings mead" for "Kingsmead", "p p c" for "PPC"), inflected ("call back widgets") or one letter
 * off ("upton upon seven").
 */
final class SplitTerms {

  static final int MAX_SPLIT_WORDS = 5;
  static final double SCORE_JOINED = 2.5;

  private SplitTerms() {}

  /** "call back widget" for "Callback Widget", "p p c" for "PPC", "on line" for "online". */
  static void findSplitTerms(UserWords w, TermIndex[] indexes, List<TermMatch> matches) {
    int maxKey = 0;
    for (TermIndex idx : indexes) {
      maxKey = Math.max(maxKey, idx.maxJoinedLength());
    }
    StringBuilder key = new StringBuilder();
    int n = w.lower.length;
    for (int start = 0; start < n; start++) {
      key.setLength(0);
      int hash = 0; // key's String.hashCode: most keys name no term, and are never made
      boolean allLetters = true;
      for (int s = 1; s <= MAX_SPLIT_WORDS && start + s <= n; s++) {
        Tokens.Token t = w.tokens.get(start + s - 1);
        if (t.core().isEmpty()
            || (s > 1 && (!t.lead().isEmpty() || !w.tokens.get(start + s - 2).trail().isEmpty()))) {
          break;
        }
        key.append(w.joined(start + s - 1));
        hash = HashFilter.extend(hash, w.joined(start + s - 1));
        if (key.length() > maxKey) {
          break;
        }
        allLetters &= t.core().length() == 1;
        if (s == 1 && w.lower[start].contentEquals(key)) {
          continue; // one plain word: aligned matching covers it
        }
        String joined = null;
        if (s > 1 && mayBeInflectedOrNear(indexes[0], key)) {
          joined = key.toString();
          findInflectedOrNearSplit(w, indexes[0], start, s, joined, matches);
        }
        boolean named = false;
        for (TermIndex idx : indexes) {
          named |= idx.mayHaveJoined(hash);
        }
        if (!named) {
          continue;
        }
        joined = joined == null ? key.toString() : joined;
        for (TermIndex idx : indexes) {
          for (Term term : idx.byJoined(joined)) {
            if (s == term.size() && sameWords(w, start, term)) {
              continue;
            }
            if ((term.contextual
                    || term.brandLike
                    || !allCommon(w, start, s)
                    || (allLetters && s > 1))
                && !(allEveryday(w, start, s) && EverydaySense.holds(w.tokens, start, s))) {
              matches.add(
                  new TermMatch(
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

  /** Every word of the span is a common word ({@link CommonWords#isCommon}). */
  private static boolean allCommon(UserWords w, int start, int len) {
    for (int j = start; j < start + len; j++) {
      if (!w.isCommon(j)) {
        return false;
      }
    }
    return true;
  }

  /**
   * False when {@link #findInflectedOrNearSplit} surely finds nothing for this key: no term is the
   * key without its plural s, nor near it.
   */
  private static boolean mayBeInflectedOrNear(TermIndex context, CharSequence key) {
    if (context.isEmpty()) {
      return false;
    }
    int length = key.length();
    if (length > 4 && key.charAt(length - 1) == 's') {
      int stem = 0;
      for (int i = 0; i < length - 1; i++) {
        stem = 31 * stem + key.charAt(i);
      }
      if (context.mayHaveJoined(stem)) {
        return true;
      }
    }
    return length >= 7 && context.mayBeNear(key);
  }

  /**
   * A term the AI said or the caller gave, heard split and inflected ("call back widgets" for
   * "Callback Widget": the plural is kept) or split with one letter off ("upton upon seven" for
   * "Upton-upon-Severn", "e pose now" for "Epos Now"). One letter off needs a word of the span that
   * is no everyday word (a name, a lone letter): "shop if I" stays as said.
   */
  private static void findInflectedOrNearSplit(
      UserWords w, TermIndex context, int start, int s, String joined, List<TermMatch> matches) {
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
            new TermMatch(
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
            new TermMatch(
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
  static boolean allEveryday(UserWords w, int start, int len) {
    EnglishDictionary dict = EnglishDictionary.get();
    for (int j = start; j < start + len; j++) {
      String u = w.lower[j];
      boolean word = u.length() == 1 ? Tokens.isOneLetterWord(u) : dict.isLowerCaseWord(u);
      if (!word) {
        return false; // a lone letter other than "a" and "I", a name, a garbled word
      }
    }
    return true;
  }

  static boolean sameWords(UserWords w, int start, Term term) {
    for (int j = 0; j < term.size(); j++) {
      if (!w.lower[start + j].equals(term.lower[j]) && !w.lower[start + j].equals(core(term, j))) {
        return false;
      }
    }
    return true;
  }

  /** The term's word without punctuation at its edges, as a token's core: "401(k)" is "401(k". */
  private static String core(Term term, int j) {
    String word = term.lower[j];
    int from = 0;
    int to = word.length();
    while (from < to && !Character.isLetterOrDigit(word.charAt(from))) {
      from++;
    }
    while (to > from && !Character.isLetterOrDigit(word.charAt(to - 1))) {
      to--;
    }
    return word.substring(from, to);
  }
}
