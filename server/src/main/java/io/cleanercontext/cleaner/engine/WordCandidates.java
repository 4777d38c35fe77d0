package io.cleanercontext.cleaner.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * The words a heard word may have been meant as: its confusion-set partners and the common words
 * that sound like it ({@link Pronunciations}), each with what never changes between turns (its
 * model id, its phoneme distance, whether it is everyday English), computed once per heard word.
 */
final class WordCandidates {

  private static final int MAX_CACHED = 100_000;

  /**
   * A sound neighbour is a candidate only when heard alike: a similar phoneme for another (a vowel,
   * a voiced twin) or a weak sound dropped; any other one-phoneme change is a different word.
   */
  static final double MAX_SOUND_DISTANCE = 0.6;

  private final LanguageModel lm;
  private final Pronunciations sounds;
  private final ConfusionSets sets;
  private final Map<String, List<Candidate>> candidateCache = new ConcurrentHashMap<>();
  private final Map<String, List<Candidate>> nonWordCache = new ConcurrentHashMap<>();

  WordCandidates(LanguageModel lm, Pronunciations sounds, ConfusionSets sets) {
    this.lm = lm;
    this.sounds = sounds;
    this.sets = sets;
  }

  /** The source of a dictionary word near a non-word in spelling and sound ("pade": paid). */
  static final String SPELLING = "spelling";

  /** A non-word's candidate is at most this many letters from it. */
  private static final int MAX_LETTERS = 2;

  private static final LevenshteinDistance LETTERS = new LevenshteinDistance(MAX_LETTERS);

  /** The source of a word of the heard word's confusion set ({@link ConfusionSets}). */
  static final String CONFUSION_SET = "confusion_set";

  /** The source of a candidate a confusion pattern calls for where the word stands. */
  static final String PATTERN = "confusion_pattern";

  /** A word that may have been meant, with what never changes between turns. */
  record Candidate(String word, String source, int id, double distance, boolean plain) {}

  /**
   * {@link #of(String)}, with {@code called} (the word a confusion pattern calls for here, or null)
   * as a {@link #PATTERN} candidate.
   */
  List<Candidate> of(String heard, String called) {
    List<Candidate> plain = of(heard);
    if (called == null || called.equals(heard)) {
      return plain;
    }
    List<Candidate> out = new ArrayList<>(plain.size() + 1);
    for (Candidate c : plain) {
      if (!c.word().equals(called)) {
        out.add(c);
      }
    }
    add(out, heard, called, PATTERN);
    return out;
  }

  /**
   * The sound and confusion-set candidates of a heard word. A word the recogniser wrote with an
   * apostrophe ("we're", "it's", "we'll") has only candidates with one: the apostrophe is the
   * recogniser's own reading of the contracted sound, so sound alone never undoes it ("we're on
   * site" is not "were on site"; the trigram model's taste for "were" is no evidence against what
   * was heard). The other direction stays open ("their mostly asking" -> they're), and so does a
   * confusion pattern that makes the contraction impossible where it stands ({@link #of(String,
   * String)}).
   */
  List<Candidate> of(String heard) {
    List<Candidate> cached = candidateCache.get(heard);
    if (cached != null) {
      return cached;
    }
    List<Candidate> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    boolean contraction = hasApostrophe(heard);
    for (String c : sets.partners(heard)) {
      if (seen.add(c) && (!contraction || hasApostrophe(c))) {
        add(out, heard, c, CONFUSION_SET);
      }
    }
    for (String c : sounds.neighbours(heard)) {
      if (seen.add(c)
          && !Phonetics.isInflection(heard, c)
          && (!contraction || hasApostrophe(c))
          && !otherVariety(heard, c)) {
        add(out, heard, c, "sound");
      }
    }
    if (candidateCache.size() < MAX_CACHED) {
      candidateCache.put(heard, List.copyOf(out));
    }
    return out;
  }

  /**
   * For a word that neither the language model nor the spelling dictionaries know ("pade"): the
   * everyday words at most {@value #MAX_LETTERS} letters from it that sound like it or one phoneme
   * off, the non-word pronounced by {@link LetterToSound}. Names are no candidates (the call's
   * names are {@link TermSounds}'), nor are words of fewer than four letters.
   */
  List<Candidate> ofNonWord(String heard) {
    List<Candidate> cached = nonWordCache.get(heard);
    if (cached != null) {
      return cached;
    }
    List<Candidate> out = new ArrayList<>();
    if (heard.length() >= 4
        && heard.chars().allMatch(c -> c >= 'a' && c <= 'z')
        && !EnglishDictionary.get().isWord(heard)) {
      byte[] phones = LetterToSound.pronounce(heard);
      for (String c : sounds.neighbours(phones)) {
        int letters = LETTERS.apply(heard, c);
        if (letters < 0 || !plainWord(c) || Phonetics.isInflection(heard, c)) {
          continue;
        }
        double distance = Double.MAX_VALUE;
        for (byte[] p : sounds.of(c)) {
          distance = Math.min(distance, Phones.alignment(phones, p));
        }
        int id = lm.id(c);
        if (id >= 0 && distance <= MAX_SOUND_DISTANCE) {
          out.add(new Candidate(c, SPELLING, id, distance, true));
        }
      }
    }
    if (nonWordCache.size() < MAX_CACHED) {
      nonWordCache.put(heard, List.copyOf(out));
    }
    return out;
  }

  /**
   * The least language-model gain (log10) a change from one function word to another ({@link
   * CommonWords#isStopword}: "are" / "or" / "our") needs when no grammar cue or pattern calls for
   * it. The trigram model sees two words either side, and between such words that is weak evidence:
   * on correct English ("the oil sands of Alberta, Canada are a similar material", "if they or you
   * are not interested") it gave 1.2 to 2.6; the homophone probe's real "are" / "our" error
   * ("handled by are team") 3.9.
   */
  static final double FUNCTION_SWAP_LEAST_GAIN = 2.5;

  /** A function word to another one on the model's word alone, below its least gain. */
  static boolean weakSwap(String heard, Candidate c, double gain, boolean classCue) {
    return gain < FUNCTION_SWAP_LEAST_GAIN
        && !classCue
        && !PhraseEchoes.cued(c.source())
        && CommonWords.isStopword(heard)
        && CommonWords.isStopword(c.word());
  }

  private void add(List<Candidate> out, String heard, String word, String source) {
    int id = lm.id(word);
    double distance = Math.max(0.0, sounds.distance(heard, word));
    if (id >= 0 && (distance <= MAX_SOUND_DISTANCE || !source.equals("sound"))) {
      out.add(new Candidate(word, source, id, distance, plainWord(word)));
    }
  }

  /**
   * The same word in the other variety's spelling ("favourite" and "favorite", "colour" and
   * "color"): one spelling dictionary has each, and neither has both. The caller's spelling is
   * theirs; no sound makes it another word.
   */
  static boolean otherVariety(String heard, String candidate) {
    EnglishDictionary d = EnglishDictionary.get();
    int h = d.varieties(heard);
    return (h == 1 || h == 2) && d.varieties(candidate) == 3 - h;
  }

  private static boolean hasApostrophe(String word) {
    return word.indexOf('\'') >= 0 || word.indexOf('\u2019') >= 0;
  }

  /** A word of everyday English (not a letter, an abbreviation or only a name). */
  private static boolean plainWord(String lower) {
    return lower.length() >= 2 && EnglishDictionary.get().isLowerCaseWord(lower);
  }
}
