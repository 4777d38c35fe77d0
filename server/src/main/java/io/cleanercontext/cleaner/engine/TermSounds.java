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

  /** Whether a heard word is everyday English (a dictionary look-up per word, kept). */
  private final Map<String, Boolean> everyday = new ConcurrentHashMap<>();

  private final Pronunciations dictionary;

  TermSounds(Pronunciations dictionary) {
    this.dictionary = dictionary;
  }

  /** One heard run that sounds like a term of the call. */
  record Match(int start, int length, Term term, double cost) {}

  /** The terms of the call that the heard words {@code [start, start+length)} sound like. */
  List<Match> matches(
      List<Tokens.Token> tokens, byte[][] phones, int start, int length, List<Term> terms) {
    List<Match> out = new ArrayList<>();
    if (!plausibleRun(tokens, start, length)) {
      return out;
    }
    byte[] heard = concat(phones, start, length);
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
          || !(Phones.similar(heard[0], said[0]) || Phones.similar(heard[1], said[1]))
          || Math.abs(heard.length - said.length) * 0.6 > MAX_COST_PER_PHONE * said.length) {
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
  boolean plausibleRun(List<Tokens.Token> tokens, int start, int length) {
    String first = tokens.get(start).lower();
    String last = tokens.get(start + length - 1).lower();
    if (CommonWords.isStopword(first) || CommonWords.isStopword(last)) {
      return false;
    }
    if (length == 1) {
      Boolean known = everyday.get(first);
      if (known == null) {
        known = EnglishDictionary.get().isLowerCaseWord(first);
        if (everyday.size() < MAX_CACHED) {
          everyday.put(first, known);
        }
      }
      return !known;
    }
    return !EverydaySense.verbPhrase(tokens, start, length);
  }

  /** The term's phonemes (cached); none for a term with digits. */
  byte[] of(String surface) {
    byte[] p = cache.get(surface);
    if (p == null && surface.chars().anyMatch(Character::isDigit)) {
      p = new byte[0]; // spoken numbers are the artifact stages' to read
    } else if (p == null) {
      p = pronounce(surface, dictionary);
    }
    if (cache.size() < MAX_CACHED) {
      cache.putIfAbsent(surface, p);
    }
    return p;
  }

  /** Each heard word's phonemes, once per turn. */
  byte[][] phones(List<Tokens.Token> tokens) {
    byte[][] out = new byte[tokens.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = pronounceWord(tokens.get(i).lower(), dictionary);
    }
    return out;
  }

  /** The phonemes of the heard words [start, start+length), one after another. */
  static byte[] concat(byte[][] phones, int start, int length) {
    int n = 0;
    for (int i = start; i < start + length; i++) {
      n += phones[i].length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (int i = start; i < start + length; i++) {
      System.arraycopy(phones[i], 0, out, at, phones[i].length);
      at += phones[i].length;
    }
    return out;
  }

  private static byte[] pronounceWord(String lower, Pronunciations dictionary) {
    List<byte[]> known = dictionary.of(lower);
    return known.isEmpty() ? LetterToSound.pronounce(lower) : known.get(0);
  }

  /**
   * A name's phonemes, word by word (CMU where it knows the word, {@link LetterToSound} where not),
   * a brand's inner capitals starting a word: "JobNimbus" is job + nimbus.
   */
  static byte[] pronounce(String surface, Pronunciations dictionary) {
    List<String> words = new ArrayList<>();
    for (String w : surface.split("[\\s\\-&/]+")) {
      // inner capitals start a word: JobNimbus, AppFolio, ezyVet
      words.addAll(List.of(w.split("(?<=[a-z])(?=[A-Z])")));
    }
    byte[][] parts = new byte[words.size()][];
    for (int i = 0; i < parts.length; i++) {
      parts[i] = pronounceWord(words.get(i).toLowerCase(Locale.ROOT), dictionary);
    }
    return concat(parts, 0, parts.length);
  }

  private static String joined(List<Tokens.Token> tokens, int start, int length) {
    StringBuilder sb = new StringBuilder();
    for (int i = start; i < start + length; i++) {
      sb.append(tokens.get(i).core());
    }
    return Tokens.joinedKey(sb);
  }
}
