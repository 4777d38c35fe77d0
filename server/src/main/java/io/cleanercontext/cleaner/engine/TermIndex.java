package io.cleanercontext.cleaner.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Terms indexed for constant-time candidate lookup from one user word: by the word itself, by its
 * Double Metaphone codes, and by the letters-only key of the whole term. A user phrase is only ever
 * compared with the few terms its words hit here, never with the whole vocabulary.
 */
final class TermIndex {

  /** A term and the position of the indexed word inside it. */
  record Posting(Term term, int position) {}

  static final TermIndex EMPTY = new TermIndex(List.of());

  private final Map<String, List<Posting>> byWord;
  private final Map<String, List<Posting>> byCode;
  private final Map<String, List<Term>> byJoined;
  private final Map<String, Term> byPhrase;
  // built on first use: only the lexicon's index is asked for prefixes, only the window's for words
  private volatile Prefixes phrasePrefixes;
  private volatile Set<String> words;
  private volatile Near near;
  private volatile CallNames callNames;
  private final List<Term> terms;

  /** The keys of {@link #byJoined} as a filter: most keys a turn tries name no term. */
  private final HashFilter joinedFilter;

  /** The keys of {@link #byWord} and {@link #byCode} as filters: most words hit no term. */
  private final HashFilter wordFilter;

  private final HashFilter codeFilter;

  private int maxJoinedLength;
  private int maxWords;

  /**
   * Indexes {@code terms} in order; a term whose phrase came earlier is left out (the first
   * spelling stands).
   */
  TermIndex(Collection<Term> terms) {
    int wordCount = 0;
    for (Term t : terms) {
      wordCount += t.size();
    }
    // sized up front: the window's index is rebuilt whenever the AI's turns in it change
    byWord = new HashMap<>(capacity(wordCount));
    byCode = new HashMap<>(capacity(2 * wordCount));
    byJoined = new HashMap<>(capacity(terms.size()));
    byPhrase = new HashMap<>(capacity(terms.size()));
    List<Term> kept = new ArrayList<>(terms.size());
    for (Term t : terms) {
      if (byPhrase.putIfAbsent(t.phrase, t) != null) {
        continue;
      }
      kept.add(t);
      for (int i = 0; i < t.size(); i++) {
        if (t.stopword[i]) {
          continue;
        }
        String w = t.lower[i];
        Posting posting = new Posting(t, i);
        byWord.computeIfAbsent(w, k -> new ArrayList<>(2)).add(posting);
        if (w.length() >= 3 && !t.primary[i].isEmpty()) {
          byCode.computeIfAbsent(t.primary[i], k -> new ArrayList<>(2)).add(posting);
          if (!t.alternate[i].equals(t.primary[i])) {
            byCode.computeIfAbsent(t.alternate[i], k -> new ArrayList<>(2)).add(posting);
          }
        }
      }
      byJoined.computeIfAbsent(t.joinedKey, k -> new ArrayList<>(1)).add(t);
      maxJoinedLength = Math.max(maxJoinedLength, t.joinedKey.length());
      maxWords = Math.max(maxWords, t.size());
    }
    this.terms = Collections.unmodifiableList(kept);
    this.joinedFilter = new HashFilter(byJoined.keySet());
    this.wordFilter = new HashFilter(byWord.keySet());
    this.codeFilter = new HashFilter(byCode.keySet());
  }

  /** The terms of six letters or more by their first two letters, with those two as a filter. */
  private record Near(Map<String, List<Term>> buckets, HashFilter starts) {}

  /** A hash table capacity that holds {@code entries} without resizing. */
  private static int capacity(int entries) {
    return (int) (entries / 0.75f) + 1;
  }

  List<Posting> byWord(String lowerWord) {
    return wordFilter.mayContain(lowerWord.hashCode())
        ? byWord.getOrDefault(lowerWord, List.of())
        : List.of();
  }

  List<Posting> byCode(String code) {
    return code == null || code.isEmpty() || !codeFilter.mayContain(code.hashCode())
        ? List.of()
        : byCode.getOrDefault(code, List.of());
  }

  List<Term> byJoined(String key) {
    return byJoined.getOrDefault(key, List.of());
  }

  /** False when no term has the letters-only key whose {@link String#hashCode} this is. */
  boolean mayHaveJoined(int hash) {
    return joinedFilter.mayContain(hash);
  }

  /**
   * Terms whose letters-only key starts with the same two letters and is at most one letter longer
   * or shorter.
   */
  List<Term> nearJoined(String key) {
    Map<String, List<Term>> buckets = near().buckets;
    List<Term> bucket = key.length() < 2 ? null : buckets.get(key.substring(0, 2));
    if (bucket == null) {
      return List.of();
    }
    List<Term> out = null;
    for (Term t : bucket) {
      if (Math.abs(t.joinedKey.length() - key.length()) <= 1) {
        if (out == null) {
          out = new ArrayList<>(2);
        }
        out.add(t);
      }
    }
    return out == null ? List.of() : out;
  }

  /** False when {@link #nearJoined} of this key (two letters or more) is surely empty. */
  boolean mayBeNear(CharSequence key) {
    return near().starts.mayContain(31 * key.charAt(0) + key.charAt(1));
  }

  private Near near() {
    Near n = near;
    if (n == null) { // racing threads build equal maps: any of them will do
      Map<String, List<Term>> buckets = new HashMap<>();
      for (Term t : terms) {
        if (t.joinedKey.length() >= 6) {
          buckets.computeIfAbsent(t.joinedKey.substring(0, 2), k -> new ArrayList<>(2)).add(t);
        }
      }
      n = new Near(buckets, new HashFilter(buckets.keySet()));
      near = n;
    }
    return n;
  }

  /** The term written exactly as these lower-case words joined by single spaces, or null. */
  Term byPhrase(String lowerPhrase) {
    return byPhrase.get(lowerPhrase);
  }

  /** True when some term starts with these lower-case words (joined by single spaces). */
  boolean isPhrasePrefix(String lowerWords) {
    Prefixes prefixes = phrasePrefixes;
    if (prefixes == null) { // threads racing here build equal sets: any of them will do
      Set<String> all = new HashSet<>();
      for (Term t : terms) {
        all.addAll(Arrays.asList(t.phrasePrefixes));
      }
      prefixes = new Prefixes(all, new HashFilter(all));
      phrasePrefixes = prefixes;
    }
    // most words of a turn start no term: the filter answers them without the set
    return prefixes.filter.mayContain(lowerWords.hashCode()) && prefixes.all.contains(lowerWords);
  }

  /** The terms' phrase prefixes, and the same as a filter. */
  private record Prefixes(Set<String> all, HashFilter filter) {}

  /** True when some term contains this lower-case word. */
  boolean containsWord(String lowerWord) {
    Set<String> all = words;
    if (all == null) {
      all = new HashSet<>();
      for (Term t : terms) {
        all.addAll(Arrays.asList(t.lower));
      }
      words = all;
    }
    return all.contains(lowerWord);
  }

  /**
   * The proper terms the call said or was given (not the lexicon's) with their phonemes: what the
   * evidence stage compares heard runs with ({@link TermSounds#said}). Made once per index: the
   * window's lives until its AI turns change, and every user turn in between asks again.
   */
  CallNames callNames(TermSounds sounds) {
    CallNames names = callNames;
    if (names == null) { // racing threads make equal lists: any of them will do
      List<Term> proper = new ArrayList<>();
      for (Term t : terms) {
        if (t.contextual && t.proper) {
          proper.add(t);
        }
      }
      names = new CallNames(sounds.said(proper));
      callNames = names;
    }
    return names;
  }

  int maxJoinedLength() {
    return maxJoinedLength;
  }

  int maxWords() {
    return maxWords;
  }

  List<Term> terms() {
    return terms;
  }

  boolean isEmpty() {
    return terms.isEmpty();
  }
}
