package io.cleanercontext.cleaner.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The letters and digits a run of spoken words stands for: "s fourteen" is {@code s14}, "seer two"
 * {@code seer2}, "i r thirty five" {@code ir35}, "a d eyes" {@code adis}, "see are em" {@code crm}.
 * Everyday words stand for themselves; the key compares with {@link Tokens#joinedKey} of a written
 * name.
 *
 * @param key the letters and digits, lower case
 * @param bareLetters tokens that are a single letter other than "a" and "i" ("d", "s")
 * @param letterNames tokens that are a letter's name ("see", "em", "eyes") or a single letter
 * @param rareNames letter names that are not frequent words ("em", "tee", "eyes"; not "see", "are")
 * @param numberWords tokens that are number words
 * @param words tokens in the span
 * @param plural the last word says a plural: a letter's plural name ("tee are vees" TRVs) or a
 *     number's after another number ("ten ninety nines" 1099s); the key ends in its "s"
 */
record SpokenForm(
    String key,
    int bareLetters,
    int letterNames,
    int rareNames,
    int numberWords,
    int words,
    boolean plural) {

  private static final Map<String, String> LETTER_NAMES = readLetterNames();
  private static final int HUNDRED = 100;
  private static final String NUMBER_WORDS = "/cleaning/number-words.txt";

  /** The value of each number word ("seven" 7, "forty" 40, "hundred" 100). */
  private static final Map<String, Integer> VALUES = new HashMap<>();

  /** Words read as 0 only between number words: "one oh one" ({@link #isSpokenZero}). */
  private static final Set<String> ZEROS = new HashSet<>();

  static {
    for (String line : WordList.lines(NUMBER_WORDS)) {
      String[] f = line.toLowerCase(Locale.ROOT).split("\\s+");
      if (f.length == 3 && f[2].equals("between")) {
        ZEROS.add(f[0]);
      } else if (f.length == 2) {
        VALUES.put(f[0], Integer.parseInt(f[1]));
      } else {
        throw new IllegalStateException(NUMBER_WORDS + ": a word and its value: " + line);
      }
    }
  }

  /** True when the span says some letter or number: something to compare in spoken form. */
  boolean spellsSomething() {
    // "see are em" names letters; "they are oh I" is three everyday words
    return bareLetters > 0 || numberWords > 0 || letterNames >= 3 && rareNames > 0;
  }

  /**
   * True when every word is a single letter, at least three of them, starting with one that is not
   * a word ("d v s a", "h o a"; not "a b c", where "a" may be the article).
   */
  boolean isSpelledOut() {
    return words >= 3
        && key.length() == words
        && letterNames == words
        && bareLetters >= words - 1
        && !Tokens.isOneLetterWord(key.substring(0, 1));
  }

  /**
   * True for a word without which no span spells anything ({@link #spellsSomething()}): a single
   * letter other than "a" and "i", a letter's name that is not a frequent word, a number word.
   */
  static boolean spellsOnItsOwn(String lower) {
    if (lower.length() == 1) {
      return Character.isLetter(lower.charAt(0)) && !Tokens.isOneLetterWord(lower);
    }
    return LETTER_NAMES.containsKey(lower) && !CommonWords.isCommon(lower) || isNumberWord(lower);
  }

  /** The spoken form of {@code tokens[from, to)}, or null when a word cannot be part of a name. */
  static SpokenForm of(List<Tokens.Token> tokens, int from, int to) {
    StringBuilder key = new StringBuilder();
    int bare = 0;
    int names = 0;
    int rare = 0;
    int numbers = 0;
    boolean plural = false;
    for (int i = from; i < to; i++) {
      Tokens.Token t = tokens.get(i);
      String w = t.lower();
      if (w.isEmpty() || t.hasDigit() || !Tokens.isJoinedKey(w)) {
        return null; // digits already written, or punctuation inside ("don't", "e-mail")
      }
      int end = numberEnd(tokens, i, to);
      String single = end > i && end == to - 1 ? singularNumber(tokens.get(end).lower()) : null;
      if (single != null) {
        // "ten ninety nines": the run read with "nine", then the plural's "s"
        List<Tokens.Token> run = new ArrayList<>(tokens.subList(i, to));
        run.set(run.size() - 1, new Tokens.Token("", single, ""));
        key.append(number(run, 0, run.size())).append('s');
        numbers += to - i;
        plural = true;
        i = to - 1;
      } else if (end > i) {
        key.append(number(tokens, i, end));
        numbers += end - i;
        i = end - 1;
      } else if (isZero(tokens, i, from, to)) {
        key.append('0'); // "four oh one k": 401k
        numbers++;
      } else if (w.length() == 1) {
        key.append(w);
        names++;
        // "h i i t": between two spelled letters "a" and "i" are letters too, not the article or
        // the pronoun
        boolean word = Tokens.isOneLetterWord(w);
        bare += !word || between(tokens, i, from, to) ? 1 : 0;
      } else if (LETTER_NAMES.containsKey(w)) {
        String letters = LETTER_NAMES.get(w);
        key.append(letters);
        names++;
        rare += CommonWords.isCommon(w) ? 0 : 1;
        plural = i == to - 1 && letters.length() == 2;
      } else {
        key.append(w);
      }
    }
    return new SpokenForm(key.toString(), bare, names, rare, numbers, to - from, plural);
  }

  /** The number word whose plural {@code w} is ("nines" nine, "sixes" six, "twenties" twenty). */
  private static String singularNumber(String w) {
    if (!w.endsWith("s") || w.length() < 4) {
      return null;
    }
    String stem = w.substring(0, w.length() - 1);
    if (isNumberWord(stem)) {
      return stem;
    }
    String es = w.substring(0, w.length() - 2);
    if (w.endsWith("es") && isNumberWord(es)) {
      return es;
    }
    String ies = w.endsWith("ies") ? w.substring(0, w.length() - 3) + "y" : "";
    return isNumberWord(ies) ? ies : null;
  }

  /** "oh" between two number words: the digit 0 ("one oh one"). */
  private static boolean isZero(List<Tokens.Token> tokens, int i, int from, int to) {
    return isSpokenZero(tokens.get(i).lower())
        && i > from
        && i + 1 < to
        && isNumberWord(tokens.get(i - 1).lower())
        && isNumberWord(tokens.get(i + 1).lower());
  }

  /** True when the tokens either side of {@code i}, inside the span, are single letters. */
  private static boolean between(List<Tokens.Token> tokens, int i, int from, int to) {
    return i > from
        && i + 1 < to
        && tokens.get(i - 1).lower().length() == 1
        && tokens.get(i + 1).lower().length() == 1;
  }

  /** The end of the run of number words starting at {@code i} (i itself when none). */
  private static int numberEnd(List<Tokens.Token> tokens, int i, int to) {
    int j = i;
    while (j < to && isNumberWord(tokens.get(j).lower())) {
      j++;
    }
    return j;
  }

  static boolean isNumberWord(String w) {
    return VALUES.containsKey(w);
  }

  /** True for "oh": a word said for a zero between number words ("one oh one"), never alone. */
  static boolean isSpokenZero(String w) {
    return ZEROS.contains(w);
  }

  /** The value of a unit ("zero" to "nine"), or -1. */
  private static int unit(String w) {
    int v = VALUES.getOrDefault(w, -1);
    return v < 10 ? v : -1;
  }

  /** The digits of the number words {@code tokens[from, to)} (see {@link #number}). */
  static String digits(List<Tokens.Token> tokens, int from, int to) {
    return number(tokens, from, to);
  }

  /**
   * Digits of a run of number words, each number in the run read as a cardinal under a thousand and
   * the numbers written one after another: "thirty five" 35, "one four" 14, "twenty eighteen" 2018,
   * "one hundred" 100.
   */
  private static String number(List<Tokens.Token> tokens, int from, int to) {
    StringBuilder digits = new StringBuilder();
    int i = from;
    while (i < to) {
      String w = tokens.get(i).lower();
      int value;
      if (unit(w) >= 0) {
        value = unit(w);
        if (i + 1 < to && VALUES.getOrDefault(tokens.get(i + 1).lower(), 0) == HUNDRED) {
          value *= 100;
          i++;
          int rest = i + 1 < to ? tensValue(tokens, i + 1, to) : -1;
          if (rest >= 0) {
            value += rest % 100;
            i += rest >= 100 ? 2 : 1; // tens and unit took two words
          }
        }
      } else if (VALUES.getOrDefault(w, 0) == HUNDRED) {
        value = HUNDRED;
      } else {
        int v = tensValue(tokens, i, to);
        value = v % 100;
        i += v >= 100 ? 1 : 0;
      }
      digits.append(value);
      i++;
    }
    return digits.toString();
  }

  /**
   * The value of a teen, a ten or a ten and a unit at {@code i}: 0-99, plus 100 when it took two
   * words; -1 when the word is none of these.
   */
  private static int tensValue(List<Tokens.Token> tokens, int i, int to) {
    int v = VALUES.getOrDefault(tokens.get(i).lower(), -1);
    if (v >= 10 && v < 20) {
      return v; // a teen
    }
    if (v < 20 || v >= HUNDRED) {
      return v < 10 ? v : -1; // a unit, or no word of the tens
    }
    if (i + 1 < to && unit(tokens.get(i + 1).lower()) > 0) {
      return 100 + v + unit(tokens.get(i + 1).lower());
    }
    return v;
  }

  private static Map<String, String> readLetterNames() {
    Map<String, String> names = new HashMap<>();
    for (String line : WordList.lines("/cleaning/letter-names.txt")) {
      if (line.indexOf(':') != 1) {
        continue;
      }
      String letter = line.substring(0, 1);
      for (String name : line.substring(2).strip().split("\\s+")) {
        boolean plural = name.endsWith("s") && !letter.equals("s");
        names.put(name, plural ? letter + "s" : letter);
      }
    }
    return Map.copyOf(names);
  }
}
