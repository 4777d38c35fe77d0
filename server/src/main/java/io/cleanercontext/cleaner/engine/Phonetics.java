package io.cleanercontext.cleaner.engine;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.codec.language.DoubleMetaphone;
import org.apache.commons.codec.language.bm.NameType;
import org.apache.commons.codec.language.bm.PhoneticEngine;
import org.apache.commons.codec.language.bm.RuleType;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Sound and spelling similarity of single words. All members are immutable and thread-safe, so one
 * set is shared by every conversation.
 */
final class Phonetics {

  private static final Set<String> INFLECTIONS = WordList.load("/cleaning/inflection-endings.txt");
  private static final DoubleMetaphone METAPHONE = new DoubleMetaphone();
  private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();
  private static final LevenshteinDistance LEVENSHTEIN = LevenshteinDistance.getDefaultInstance();
  // Beider-Morse is slow (rule tables per word) but good on names: used only to confirm a
  // single-word entity match that Double Metaphone already proposed
  private static final PhoneticEngine BEIDER_MORSE =
      new PhoneticEngine(NameType.GENERIC, RuleType.APPROX, true);

  // Double Metaphone dominates the cost of a word's analysis, and words recur (the AI's names in
  // every
  // turn, the users' own words): codes are kept for the first MAX_CACHED distinct words of up to
  // MAX_CACHED_LENGTH characters (a few MB at most), other words are encoded on every call
  private static final int MAX_CACHED = 50_000;
  private static final int MAX_CACHED_LENGTH = 32;
  private static final Map<String, String> PRIMARY = new ConcurrentHashMap<>();
  private static final Map<String, String> ALTERNATE = new ConcurrentHashMap<>();

  static {
    METAPHONE.setMaxCodeLen(6);
  }

  private Phonetics() {}

  static String primary(String lowerWord) {
    return cachedCode(PRIMARY, lowerWord, false);
  }

  static String alternate(String lowerWord) {
    return cachedCode(ALTERNATE, lowerWord, true);
  }

  private static String cachedCode(Map<String, String> cache, String lowerWord, boolean alternate) {
    String code = cache.get(lowerWord);
    if (code == null) {
      code = METAPHONE.doubleMetaphone(lowerWord, alternate);
      if (code != null && lowerWord.length() <= MAX_CACHED_LENGTH && cache.size() < MAX_CACHED) {
        cache.put(lowerWord, code);
      }
    }
    return code;
  }

  static int levenshtein(String a, String b) {
    return LEVENSHTEIN.apply(a, b);
  }

  static double jaroWinkler(String a, String b) {
    return JARO_WINKLER.apply(a, b);
  }

  /** True when the two Beider-Morse phonetic sets share a spelling. */
  static boolean beiderMorseOverlap(String a, String b) {
    Set<String> sa = Set.of(BEIDER_MORSE.encode(a).split("\\|"));
    for (String code : BEIDER_MORSE.encode(b).split("\\|")) {
      if (sa.contains(code)) {
        return true;
      }
    }
    return false;
  }

  /** 1 minus normalised edit distance of two Double Metaphone codes; 0 when either is empty. */
  static double codeSimilarity(String codeA, String codeB) {
    if (codeA == null || codeB == null || codeA.isEmpty() || codeB.isEmpty()) {
      return 0;
    }
    return 1.0 - (double) levenshtein(codeA, codeB) / Math.max(codeA.length(), codeB.length());
  }

  static int commonPrefix(String a, String b) {
    int n = Math.min(a.length(), b.length());
    int i = 0;
    while (i < n && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    return i;
  }

  static int commonSuffix(String a, String b) {
    int n = Math.min(a.length(), b.length());
    int i = 0;
    while (i < n && a.charAt(a.length() - 1 - i) == b.charAt(b.length() - 1 - i)) {
      i++;
    }
    return i;
  }

  /**
   * True when one word is the other plus an inflection ("head"/"heads", "ad"/"ads",
   * "company"/"company's"; {@code cleaning/inflection-endings.txt}): the user chose the form, so it
   * is never "corrected".
   */
  static boolean isInflection(String a, String b) {
    String shorter = a.length() <= b.length() ? a : b;
    String longer = a.length() <= b.length() ? b : a;
    if (!longer.startsWith(shorter)) {
      return false;
    }
    String rest = longer.substring(shorter.length());
    return INFLECTIONS.contains(rest);
  }
}
