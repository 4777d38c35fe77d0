package io.cleanercontext.cleaner.engine;

import java.util.ArrayList;
import java.util.Collection;
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

  private final Map<String, List<Posting>> byWord = new HashMap<>();
  private final Map<String, List<Posting>> byCode = new HashMap<>();
  private final Map<String, List<Term>> byJoined = new HashMap<>();
  private final Map<String, Term> byPhrase = new HashMap<>();
  private final Set<String> phrasePrefixes = new HashSet<>();
  private final Set<String> words = new HashSet<>();
  private final List<Term> terms;
  private int maxJoinedLength;
  private int maxWords;

  TermIndex(Collection<Term> terms) {
    this.terms = List.copyOf(terms);
    for (Term t : this.terms) {
      for (int i = 0; i < t.size(); i++) {
        String w = t.lower[i];
        words.add(w);
        if (CommonWords.isStopword(w)) {
          continue;
        }
        byWord.computeIfAbsent(w, k -> new ArrayList<>(2)).add(new Posting(t, i));
        if (w.length() >= 3 && !t.primary[i].isEmpty()) {
          byCode.computeIfAbsent(t.primary[i], k -> new ArrayList<>(2)).add(new Posting(t, i));
          if (!t.alternate[i].equals(t.primary[i])) {
            byCode.computeIfAbsent(t.alternate[i], k -> new ArrayList<>(2)).add(new Posting(t, i));
          }
        }
      }
      byJoined.computeIfAbsent(t.joinedKey, k -> new ArrayList<>(1)).add(t);
      byPhrase.putIfAbsent(String.join(" ", t.lower), t);
      StringBuilder prefix = new StringBuilder();
      for (int i = 0; i < t.size(); i++) {
        prefix.append(i == 0 ? "" : " ").append(t.lower[i]);
        phrasePrefixes.add(prefix.toString());
      }
      maxJoinedLength = Math.max(maxJoinedLength, t.joinedKey.length());
      maxWords = Math.max(maxWords, t.size());
    }
  }

  List<Posting> byWord(String lowerWord) {
    return byWord.getOrDefault(lowerWord, List.of());
  }

  List<Posting> byCode(String code) {
    return code == null || code.isEmpty() ? List.of() : byCode.getOrDefault(code, List.of());
  }

  List<Term> byJoined(String key) {
    return byJoined.getOrDefault(key, List.of());
  }

  /** The term written exactly as these lower-case words joined by single spaces, or null. */
  Term byPhrase(String lowerPhrase) {
    return byPhrase.get(lowerPhrase);
  }

  /** True when some term starts with these lower-case words (joined by single spaces). */
  boolean isPhrasePrefix(String lowerWords) {
    return phrasePrefixes.contains(lowerWords);
  }

  /** True when some term contains this lower-case word. */
  boolean containsWord(String lowerWord) {
    return words.contains(lowerWord);
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
