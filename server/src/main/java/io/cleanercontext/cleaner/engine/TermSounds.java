package io.cleanercontext.cleaner.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

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

  /**
   * An everyday word in a tool's slot ({@link NameCues#toolSlot}) is heard as a name only with its
   * consonants and at most one vowel off ("zero" and Xero, "carbon" and Karbon).
   */
  static final double SLOT_COST = 0.5;

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
  HeardWords heard(List<Tokens.Token> tokens) {
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
  HeardWords heard(List<Tokens.Token> tokens, int[] ids) {
    return new HeardWords(tokens, ids, everyday, stopwords, dictionary);
  }

  /** {@link #matches(HeardWords, int, int, CallNames)} against these terms. */
  List<Match> matches(HeardWords heard, int start, int length, List<Said> terms) {
    return matches(heard, start, length, new CallNames(terms));
  }

  /**
   * The terms of the call that the heard words {@code [start, start+length)} sound like, in the
   * order of {@code names}. The cheap tests first, on the run's length and first two sounds alone
   * ({@link CallNames#candidates}): most names differ in those, and the run is not even made.
   */
  List<Match> matches(HeardWords heard, int start, int length, CallNames names) {
    if (names.isEmpty()) {
      return List.of();
    }
    // an everyday word where the sentence names a tool: only a name it sounds exactly like
    boolean slot = length == 1 && heard.everyday(start) && NameCues.toolSlot(heard.tokens(), start);
    if (!(slot || plausibleRun(heard, start, length))
        || EverydaySense.nounPhrase(heard.tokens(), start, length)) {
      return List.of(); // "carry a field pack", "a quick point": a noun phrase, no name
    }
    int n = heard.runLength(start, length);
    if (n < 3) {
      return List.of();
    }
    byte p0 = heard.runPhone(start, 0);
    byte p1 = heard.runPhone(start, 1);
    byte[] run = null;
    List<Match> out = null;
    String heardKey = null;
    for (int w = 0; w < names.words(); w++) {
      for (long mask = names.candidates(w, n, p0, p1); mask != 0; mask &= mask - 1) {
        Said s = names.get(64 * w + Long.numberOfTrailingZeros(mask));
        byte[] said = s.phones;
        if (heardKey == null) {
          heardKey = heard.key(start, length);
          run = heard.run(start, length);
        }
        Term term = s.term;
        if (onlyDropsOrInflects(heard, start, length, heardKey, term)) {
          continue;
        }
        double max = slot ? SLOT_COST : MAX_COST_PER_PHONE * said.length;
        if (slot && (term.words.length > 1 || !term.proper || heard.stopword(start))) {
          continue;
        }
        double cost = Phones.alignment(run, said, max);
        if (cost <= max) {
          if (out == null) {
            out = new ArrayList<>(2);
          }
          out.add(new Match(start, length, term, cost));
        }
      }
    }
    return out == null ? List.of() : out;
  }

  /**
   * A run that may be a misheard name: it neither starts nor ends with a function word ("on", "a"),
   * is no verb phrase ("it rings out" is never "Ringlet"), has a word not everybody says ({@link
   * #someRare}), and a single word is no everyday word ("train" is never "Trane", "temps" never
   * "Tempaid": an everyday word in its everyday sense never becomes a name that sounds like it).
   */
  boolean plausibleRun(HeardWords heard, int start, int length) {
    if (heard.stopword(start) || heard.stopword(start + length - 1)) {
      return false;
    }
    if (length == 1) {
      return !heard.everyday(start);
    }
    return !EverydaySense.verbPhrase(heard.tokens(), start, length)
        && someRare(heard, start, length);
  }

  /**
   * Not every word of the run is one everybody says ({@link ListedNameRuns#EVERYDAY}, as for a
   * listed name): "right now", "they know", "know when", "some men" are everyday English, never
   * Rightmove, Dana, Navien or Sunrun; "car and dean" has "dean".
   */
  private static boolean someRare(HeardWords heard, int start, int length) {
    LanguageModel lm = LanguageModel.get();
    for (int k = 0; k < length; k++) {
      if (lm.unigram(heard.id(start + k)) < ListedNameRuns.EVERYDAY) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether hearing the run as the term would only drop or inflect words: one key holds the other
   * and the letters left over are whole words of the longer one ("kingsmead dental" and
   * "Kingsmead") or an ending ("call backs" and "Callback"). One letter left over inside a word is
   * another spelling heard alike: "pest pack" may be "PestPac".
   */
  static boolean onlyDropsOrInflects(
      HeardWords heard, int start, int length, String heardKey, Term term) {
    String termKey = term.joinedKey;
    if (heardKey.contains(termKey)) {
      int[] ends = new int[length];
      for (int i = 0, at = 0; i < length; i++) {
        at += heard.key(start + i, 1).length();
        ends[i] = at;
      }
      return wholeWordsOrEnding(heardKey, termKey, ends);
    }
    if (termKey.contains(heardKey)) {
      List<Integer> at = new ArrayList<>();
      int n = 0;
      for (String w : term.surface.split("[\\s\\-&/]+|(?<=[a-z])(?=[A-Z])")) {
        n += Tokens.joinedKey(w).length();
        at.add(n);
      }
      return wholeWordsOrEnding(
          termKey, heardKey, at.stream().mapToInt(Integer::intValue).toArray());
    }
    return false;
  }

  /**
   * Whether {@code longer} is {@code shorter} with letters left over that are whole words ({@code
   * ends}: where each of longer's words ends) or an ending after it, on either side: the change
   * would drop or inflect a word. Only one letter left over inside a word ("pack" for "Pac",
   * "express" for "Xpress") is another spelling heard alike; more ("kings meadow" for Kingsmead,
   * "field packet" for FieldPac) is another word.
   */
  private static boolean wholeWordsOrEnding(String longer, String shorter, int[] ends) {
    if (longer.length() != shorter.length() + 1) {
      return true; // the same letters, or more than one left over
    }
    for (int from = longer.indexOf(shorter); from >= 0; from = longer.indexOf(shorter, from + 1)) {
      int to = from + shorter.length();
      if ((from > 0 && Arrays.binarySearch(ends, from) >= 0)
          || (to < longer.length()
              && (Arrays.binarySearch(ends, to) >= 0
                  || INFLECTION.matcher(longer.substring(to)).matches()))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Endings of an inflection (plural, possessive, past, participle, agent), a consonant doubled.
   */
  private static final Pattern INFLECTION =
      Pattern.compile("[b-df-hj-np-tv-z]?(?:s|es|d|ed|ing|er|ers)");

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
