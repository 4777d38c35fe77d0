package io.cleanercontext.cleaner.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How the call's names sound, and which runs of heard words sound like one: "car and dean" like
 * "Karndean", "tam sin going" like "Tamsin Gowing". A term's words are pronounced by the CMU
 * dictionary where it knows them and by {@link LetterToSound} where not, a brand's inner capitals
 * splitting it into words ("JobNimbus": job + nimbus); the heard run is pronounced word by word, so
 * the comparison crosses word boundaries.
 */
final class TermSounds {

  /** At most this alignment cost per phoneme of the term: beyond it, no candidate. */
  static final double MAX_COST_PER_PHONE = 0.34;

  private static final int MAX_CACHED = 50_000;
  private final Map<String, byte[]> cache = new ConcurrentHashMap<>();
  private final Pronunciations dictionary;

  TermSounds(Pronunciations dictionary) {
    this.dictionary = dictionary;
  }

  /** One heard run that sounds like a term of the call. */
  record Match(int start, int length, Term term, double cost) {}

  /** The terms of the call that the heard words {@code [start, start+length)} sound like. */
  List<Match> matches(List<Tokens.Token> tokens, int start, int length, List<Term> terms) {
    List<Match> out = new ArrayList<>();
    if (!plausibleRun(tokens, start, length)) {
      return out;
    }
    byte[] heard = heard(tokens, start, length);
    if (heard.length < 3) {
      return out;
    }
    String heardKey = joined(tokens, start, length);
    for (Term term : terms) {
      byte[] said = of(term.surface);
      if (said.length < 3
          || heard.length < said.length * 0.6
          || heard.length > said.length * 1.5
          || heardKey.contains(term.joinedKey) // the change would only drop or inflect words
          || term.joinedKey.contains(heardKey)
          || hasDigit(term.joinedKey)) { // spoken numbers are the artifact stages' to read
        continue;
      }
      double cost = Phones.alignment(heard, said);
      if (cost <= MAX_COST_PER_PHONE * said.length) {
        out.add(new Match(start, length, term, cost));
      }
    }
    return out;
  }

  /**
   * A run that may be a misheard name: it neither starts nor ends with a function word ("on", "a"),
   * is no verb phrase ("it rings out" is never "Ringlet"), and a single word is no everyday word
   * ("train" is never "Trane", "temps" never "Tempaid": an everyday word in its everyday sense
   * never becomes a name that sounds like it).
   */
  private static boolean plausibleRun(List<Tokens.Token> tokens, int start, int length) {
    String first = tokens.get(start).lower();
    String last = tokens.get(start + length - 1).lower();
    if (CommonWords.isStopword(first) || CommonWords.isStopword(last)) {
      return false;
    }
    if (length == 1) {
      return !EnglishDictionary.get().isLowerCaseWord(first);
    }
    return !EverydaySense.verbPhrase(tokens, start, length);
  }

  private static boolean hasDigit(String s) {
    return s.chars().anyMatch(Character::isDigit);
  }

  /** The term's phonemes (cached). */
  byte[] of(String surface) {
    byte[] p = cache.get(surface);
    if (p == null) {
      List<String> words = new ArrayList<>();
      for (String w : surface.split("[\\s\\-&/]+")) {
        // inner capitals start a word: JobNimbus, AppFolio, ezyVet
        words.addAll(List.of(w.split("(?<=[a-z])(?=[A-Z])")));
      }
      p = concat(words);
      if (cache.size() < MAX_CACHED) {
        cache.put(surface, p);
      }
    }
    return p;
  }

  private byte[] heard(List<Tokens.Token> tokens, int start, int length) {
    List<String> words = new ArrayList<>(length);
    for (int i = start; i < start + length; i++) {
      words.add(tokens.get(i).core());
    }
    return concat(words);
  }

  private byte[] concat(List<String> words) {
    byte[][] parts = new byte[words.size()][];
    int n = 0;
    for (int i = 0; i < parts.length; i++) {
      String lower = words.get(i).toLowerCase(Locale.ROOT);
      List<byte[]> known = dictionary.of(lower);
      parts[i] = known.isEmpty() ? LetterToSound.pronounce(lower) : known.get(0);
      n += parts[i].length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  private static String joined(List<Tokens.Token> tokens, int start, int length) {
    StringBuilder sb = new StringBuilder();
    for (int i = start; i < start + length; i++) {
      sb.append(tokens.get(i).core());
    }
    return Tokens.joinedKey(sb);
  }
}
