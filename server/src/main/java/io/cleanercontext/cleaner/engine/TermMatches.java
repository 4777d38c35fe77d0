package io.cleanercontext.cleaner.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Chooses among overlapping term matches and writes the chosen ones into the turn. */
final class TermMatches {

  private TermMatches() {}

  /** Longest phrases first, then the best score; an exact match locks its words. */
  static List<TermMatch> choose(List<TermMatch> matches, int n) {
    matches.sort(
        Comparator.comparingInt(TermMatch::len)
            .reversed()
            .thenComparing(Comparator.comparingDouble(TermMatch::score).reversed()));
    boolean[] used = new boolean[n];
    List<TermMatch> chosen = new ArrayList<>();
    for (TermMatch m : matches) {
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
    chosen.sort(Comparator.comparingInt(TermMatch::start));
    return chosen;
  }

  static String apply(UserWords w, List<TermMatch> chosen, List<Correction> out) {
    if (chosen.isEmpty()) {
      return Tokens.join(w.tokens);
    }
    List<Tokens.Token> result = new ArrayList<>(w.tokens.size());
    int next = 0;
    for (TermMatch m : chosen) {
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
