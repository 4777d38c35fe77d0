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

  // what Heard knows of a word, as bits
  private static final int ASKED_STOPWORD = 1;
  private static final int STOPWORD = 2;
  private static final int ASKED_EVERYDAY = 4;
  private static final int EVERYDAY = 8;
  private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

  private final Pronunciations dictionary;

  /** Per word of the language model: an everyday lower-case word? A function word? */
  private final IdAnswers everyday;

  private final IdAnswers stopwords;

  TermSounds(Pronunciations dictionary) {
    this.dictionary = dictionary;
    this.everyday =
        new IdAnswers(dictionary.ids(), w -> EnglishDictionary.get().isLowerCaseWord(w));
    this.stopwords = new IdAnswers(dictionary.ids(), CommonWords::isStopword);
  }

  /** One heard run that sounds like a term of the call. */
  record Match(int start, int length, Term term, double cost) {}

  /** A term of the call with its phonemes, looked up once per turn. */
  record Said(Term term, byte[] phones) {}

  /**
   * The turn's words as heard: lower case, and each word's phonemes looked up the first time a run
   * with it is compared (most words never are: a run must first pass the cheap tests). Once per
   * turn, again after a change; one thread's.
   */
  final class Heard {
    private final List<Tokens.Token> tokens;
    private final String[] lower;

    /** Per word: its id in the language model (-1: none), by which its facts are looked up. */
    private final int[] ids;

    private final byte[][] phones;

    /** Per word: its letters and digits in lower case ({@link Tokens#joinedKey}), when asked. */
    private final String[] keys;

    /** Per word, what {@link TermSounds#plausibleRun} asked of it, as bits (0: nothing yet). */
    private final byte[] known;

    private Heard(List<Tokens.Token> tokens, String[] lower, int[] ids) {
      this.tokens = tokens;
      this.lower = lower;
      this.ids = ids;
      this.phones = new byte[lower.length][];
      this.keys = new String[lower.length];
      this.known = new byte[lower.length];
    }

    /** Whether the word at {@code i} is a function word ({@link CommonWords#isStopword}). */
    boolean stopword(int i) {
      return (facts(i) & STOPWORD) != 0;
    }

    /** Whether the word at {@code i} is an everyday lower-case word (asked once per turn). */
    boolean everyday(int i) {
      if ((known[i] & ASKED_EVERYDAY) == 0) {
        boolean isEveryday = everyday.test(ids[i], lower[i]);
        known[i] = (byte) (facts(i) | ASKED_EVERYDAY | (isEveryday ? EVERYDAY : 0));
      }
      return (known[i] & EVERYDAY) != 0;
    }

    private int facts(int i) {
      if (known[i] == 0) {
        known[i] = (byte) (ASKED_STOPWORD | (stopwords.test(ids[i], lower[i]) ? STOPWORD : 0));
      }
      return known[i];
    }

    List<Tokens.Token> tokens() {
      return tokens;
    }

    /** The word at {@code i} in lower case. */
    String lower(int i) {
      return lower[i];
    }

    /** The language model's id of the word at {@code i} (-1: none). */
    int id(int i) {
      return ids[i];
    }

    /**
     * The letters-only key of the words [start, start+length) as one: each word's key, made once a
     * turn, one after another.
     */
    String key(int start, int length) {
      for (int i = start; i < start + length; i++) {
        if (keys[i] == null) {
          keys[i] = tokens.get(i).joined();
        }
      }
      if (length == 1) {
        return keys[start];
      }
      StringBuilder sb = new StringBuilder();
      for (int i = start; i < start + length; i++) {
        sb.append(keys[i]);
      }
      return sb.toString();
    }

    /** The phonemes of the words [start, start+length), one after another. */
    byte[] run(int start, int length) {
      for (int i = start; i < start + length; i++) {
        if (phones[i] == null) {
          phones[i] = pronounce(ids[i], lower[i]);
        }
      }
      return concat(phones, start, length);
    }
  }

  /**
   * The terms with their phonemes, leaving out those too short to compare (fewer than three
   * phonemes, or none for a term with digits): no heard run ever matches them.
   */
  List<Said> said(List<Term> terms) {
    List<Said> out = new ArrayList<>(terms.size());
    for (Term t : terms) {
      Said said = t.sounds;
      if (said == null) {
        said = new Said(t, of(t.surface));
        t.sounds = said;
      }
      if (said.phones.length >= 3) {
        out.add(said);
      }
    }
    return out;
  }

  /** {@link #heard(List, int[])}, the words' ids looked up here. */
  Heard heard(List<Tokens.Token> tokens) {
    int[] ids = new int[tokens.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = LanguageModel.get().id(tokens.get(i).lower());
    }
    return heard(tokens, ids);
  }

  /**
   * Each heard word's lower case (its phonemes when first asked for).
   *
   * @param ids each word's id in the language model ({@link LanguageModel#id} of its lower case)
   */
  Heard heard(List<Tokens.Token> tokens, int[] ids) {
    String[] lower = new String[tokens.size()];
    for (int i = 0; i < lower.length; i++) {
      lower[i] = tokens.get(i).lower();
    }
    return new Heard(tokens, lower, ids);
  }

  /** The terms of the call that the heard words {@code [start, start+length)} sound like. */
  List<Match> matches(Heard heard, int start, int length, List<Said> terms) {
    if (terms.isEmpty() || !plausibleRun(heard, start, length)) {
      return List.of();
    }
    byte[] run = heard.run(start, length);
    if (run.length < 3) {
      return List.of();
    }
    List<Match> out = null;
    String heardKey = null;
    for (Said s : terms) {
      byte[] said = s.phones;
      // the cheap tests first: most terms differ in length or first sounds
      if (run.length < said.length * 0.6
          || run.length > said.length * 1.5
          || !(Phones.similar(run[0], said[0]) || Phones.similar(run[1], said[1]))
          || Math.abs(run.length - said.length) * 0.6 > MAX_COST_PER_PHONE * said.length) {
        continue;
      }
      if (heardKey == null) {
        heardKey = heard.key(start, length);
      }
      Term term = s.term;
      if (heardKey.contains(term.joinedKey) // the change would only drop or inflect words
          || term.joinedKey.contains(heardKey)) {
        continue;
      }
      double max = MAX_COST_PER_PHONE * said.length;
      double cost = Phones.alignment(run, said, max);
      if (cost <= max) {
        if (out == null) {
          out = new ArrayList<>(2);
        }
        out.add(new Match(start, length, term, cost));
      }
    }
    return out == null ? List.of() : out;
  }

  /**
   * A run that may be a misheard name: it neither starts nor ends with a function word ("on", "a"),
   * is no verb phrase ("it rings out" is never "Ringlet"), and a single word is no everyday word
   * ("train" is never "Trane", "temps" never "Tempaid": an everyday word in its everyday sense
   * never becomes a name that sounds like it).
   */
  boolean plausibleRun(Heard heard, int start, int length) {
    if (heard.stopword(start) || heard.stopword(start + length - 1)) {
      return false;
    }
    if (length == 1) {
      return !heard.everyday(start);
    }
    return !EverydaySense.verbPhrase(heard.tokens(), start, length);
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

  private byte[] pronounce(int id, String lower) {
    List<byte[]> known = dictionary.of(id, lower);
    return known.isEmpty() ? LetterToSound.pronounce(lower) : known.get(0);
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
}
