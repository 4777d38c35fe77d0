package io.cleanercontext.privacy;

import java.util.List;
import java.util.Set;

/**
 * E-mail addresses, written ("john.smith@gmail.com"), spoken ("john dot smith at gmail dot com") or
 * mixed. Spoken "at" is everywhere in speech, so the part after it must read as a domain ending in
 * a known top-level domain, and the part before it must not be a pronoun or verb ("find us at
 * example dot com" is a website).
 */
final class EmailDetector implements Detector {
  private static final Set<String> TLDS =
      Set.of(
          "com", "net", "org", "edu", "gov", "io", "co", "uk", "us", "ca", "au", "de", "fr", "ie",
          "nz", "info", "biz", "me", "mil", "es", "it", "nl", "in", "eu", "ai", "app", "dev",
          "tech");
  private static final Set<String> LINKS = Set.of(".", "dot", "period", "point");
  private static final Set<String> JOINS = Set.of("-", "dash", "hyphen");
  private static final Set<String> NOT_DOMAIN =
      Set.of(
          "the", "a", "an", "my", "our", "your", "this", "that", "his", "her", "their", "home",
          "work");
  private static final Set<String> LOCAL_LINKS =
      Set.of(".", "dot", "period", "_", "underscore", "-", "dash", "hyphen", "+", "plus");
  private static final Set<String> NOT_LOCAL =
      Set.of(
          "i",
          "i'm",
          "im",
          "we",
          "we're",
          "you",
          "you're",
          "me",
          "us",
          "them",
          "it",
          "it's",
          "that",
          "this",
          "is",
          "are",
          "was",
          "be",
          "look",
          "find",
          "visit",
          "online",
          "here",
          "there",
          "website",
          "site",
          "go",
          "check",
          "available",
          "book",
          "order",
          "shop",
          "buy",
          "arrive",
          "arrived",
          "looking",
          "stay",
          "staying",
          "live",
          "work",
          "works",
          "working",
          "based",
          "meet",
          "started",
          "start",
          "ends",
          "end",
          "call",
          "line",
          "home",
          "office",
          "out",
          "back",
          "up",
          "in",
          "on",
          "see",
          "reach",
          "contact",
          "email",
          "mail",
          "address",
          "page",
          "blog");
  private static final int MAX_LOCAL_WORDS = 3;

  @Override
  public void find(Turn turn, List<Span> out) {
    List<Token> t = turn.tokens;
    List<Integer> cues = null;
    for (int i = 1; i < t.size() - 2; i++) {
      if (!t.get(i).is("@") && !t.get(i).is("at")) {
        continue;
      }
      int domainEnd = domainEnd(t, i + 1);
      int localStart = domainEnd < 0 ? -1 : localStart(t, i);
      if (localStart < 0) {
        continue;
      }
      if (cues == null) {
        cues = Cues.EMAIL.ends(t, turn.previous());
      }
      localStart = widenToCue(t, localStart, cues);
      out.add(new Span(PiiType.EMAIL, t.get(localStart).start(), t.get(domainEnd - 1).end()));
      i = domainEnd - 1;
    }
  }

  /** The token after the domain starting at j, or -1 when there is no domain there. */
  private static int domainEnd(List<Token> t, int j) {
    if (j >= t.size() || !t.get(j).isWordLike()) {
      return -1;
    }
    int end = -1;
    int k = j + 1;
    if (k + 2 < t.size()
        && t.get(k).kind() == Token.Kind.WORD
        && t.get(k).spaced()
        && LINKS.contains(t.get(k + 1).text())
        && !NOT_DOMAIN.contains(t.get(j).text())
        && !NOT_DOMAIN.contains(t.get(k).text())) {
      k++; // a name said as two words: "anna design dot com"
    }
    while (k + 1 < t.size()
        && (LINKS.contains(t.get(k).text()) || JOINS.contains(t.get(k).text()))
        && t.get(k + 1).isWordLike()) {
      if (t.get(k).is(".") && (t.get(k).spaced() || t.get(k + 1).spaced())) {
        break;
      }
      k += 2;
      if (!JOINS.contains(t.get(k - 2).text()) && TLDS.contains(t.get(k - 1).text())) {
        end = k;
      }
    }
    return end;
  }

  /** The first token of the local part ending before token {@code at}, or -1 when none is. */
  private static int localStart(List<Token> t, int at) {
    int k = at - 1;
    Token last = t.get(k);
    if (!last.isWordLike() || NOT_LOCAL.contains(last.text())) {
      return -1;
    }
    while (k >= 2 && LOCAL_LINKS.contains(t.get(k - 1).text()) && t.get(k - 2).isWordLike()) {
      Token link = t.get(k - 1);
      if (link.kind() == Token.Kind.PUNCT && (link.spaced() || t.get(k).spaced())) {
        break;
      }
      k -= 2;
    }
    return k;
  }

  /** After "my email is", the words up to the address are part of it ("john smith at ..."). */
  private static int widenToCue(List<Token> t, int start, List<Integer> cues) {
    for (int cue : cues) {
      int k = cue;
      while (k < start
          && (t.get(k).is("is") || t.get(k).is("it's") || t.get(k).is(":") || t.get(k).is("'s"))) {
        k++;
      }
      if (k < start && start - k <= MAX_LOCAL_WORDS && allWords(t, k, start)) {
        return k;
      }
    }
    return start;
  }

  private static boolean allWords(List<Token> t, int from, int to) {
    for (int k = from; k < to; k++) {
      if (!t.get(k).isWordLike() || NOT_LOCAL.contains(t.get(k).text())) {
        return false;
      }
    }
    return true;
  }
}
