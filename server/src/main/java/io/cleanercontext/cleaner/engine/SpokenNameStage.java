package io.cleanercontext.cleaner.engine;

import java.util.List;

/**
 * Names spoken as letters and numbers, written back as the name: "s fourteen" to S14, "seer two" to
 * SEER2, "i r thirty five" to IR35, "a d eyes" to ADIs, "see are em" to CRM, "cloud nine" to Cloud
 * 9, "d v s a" to DVSA.
 *
 * <p>The target must be attested: a term of the call (what the AI said, the caller's keyterms) or
 * of the domain lexicon whose letters and digits are exactly those the words say ({@link
 * SpokenForm}), or the plural of one ("tee are vees" to TRVs, "ten ninety nines" to 1099s). The
 * words must say a letter or a number ({@link SpokenForm#spellsSomething()}), so everyday words are
 * left to the other stages. Without a term, only letters the user spelled one by one are written as
 * a name ({@link SpelledLetters}: "d v s a", "the g p", "b and b"): only their case and spacing
 * change. Numbers on their own are never rewritten.
 */
final class SpokenNameStage implements Stage {

  static final String NAME = "spoken_names";
  private static final int MAX_WORDS = 8;

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
    List<Tokens.Token> tokens = Tokens.split(text);
    boolean changed = false;
    int nextSpelling = nextSpelling(tokens, 0);
    for (int i = 0; i < tokens.size() && nextSpelling >= 0; i++) {
      // most turns say no letter or number: only spans that reach one are compared
      if (nextSpelling < i) {
        nextSpelling = nextSpelling(tokens, i);
        if (nextSpelling < 0) {
          break;
        }
      }
      if (nextSpelling - i >= MAX_WORDS) {
        continue;
      }
      for (int len = Math.min(MAX_WORDS, tokens.size() - i); len >= 2; len--) {
        String name = nameAt(tokens, i, i + len, turn);
        if (name == null) {
          continue;
        }
        Tokens.Token first = tokens.get(i);
        Tokens.Token last = tokens.get(i + len - 1);
        StringBuilder said = new StringBuilder();
        for (int k = i; k < i + len; k++) {
          said.append(k == i ? "" : " ").append(tokens.get(k).core());
        }
        out.add(new Correction(said.toString(), name, Confidence.MEDIUM, Reason.SPOKEN_NAME));
        List<Tokens.Token> span = tokens.subList(i, i + len);
        span.clear();
        tokens.add(i, new Tokens.Token(first.lead(), name, last.trail()));
        nextSpelling = nextSpelling(tokens, i + 1);
        changed = true;
        break;
      }
    }
    return changed ? Tokens.join(tokens) : text;
  }

  /** The first token from {@code from} on that a spelled span needs, or -1. */
  private static int nextSpelling(List<Tokens.Token> tokens, int from) {
    for (int i = from; i < tokens.size(); i++) {
      if (SpokenForm.spellsOnItsOwn(tokens.get(i).lower())
          || SpelledLetters.startsInLettersPlace(tokens, i)) {
        return i;
      }
    }
    return -1;
  }

  /** The name the words {@code [from, to)} spell, or null. */
  private static String nameAt(List<Tokens.Token> tokens, int from, int to, StageInput turn) {
    for (int i = from; i < to; i++) {
      Tokens.Token t = tokens.get(i);
      // a name is said in one breath: no punctuation inside the span
      if (i > from && !t.lead().isEmpty() || i < to - 1 && !t.trail().isEmpty()) {
        return null;
      }
    }
    SpokenForm spoken = SpokenForm.of(tokens, from, to);
    if (spoken == null || onlyDigits(spoken.key())) {
      return null;
    }
    if (!spoken.spellsSomething()) {
      // "the a a": only letters where the article cannot be
      return SpelledLetters.startsInLettersPlace(tokens, from)
          ? SpelledLetters.name(tokens, from, to, spoken, k -> attested(k, turn))
          : null;
    }
    String key = spoken.key();
    String attested = attested(key, turn);
    if (attested != null) {
      return attested;
    }
    String stem = spoken.plural() ? attested(key.substring(0, key.length() - 1), turn) : null;
    if (stem != null) {
      return stem + "s"; // "tee are vees" TRVs, "ten ninety nines" 1099s
    }
    return SpelledLetters.name(tokens, from, to, spoken, k -> attested(k, turn));
  }

  /** The call's or the lexicon's spelling of the name with these letters and digits, or null. */
  private static String attested(String key, StageInput turn) {
    for (TermIndex index : List.of(turn.vocabulary(), turn.lexicon().index())) {
      for (Term t : index.byJoined(key)) {
        if (t.brandLike || t.proper) {
          return t.surface;
        }
      }
    }
    return null;
  }

  private static boolean onlyDigits(String key) {
    for (int i = 0; i < key.length(); i++) {
      if (!Character.isDigit(key.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
