package io.cleanercontext.cleaner.engine;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Road names spoken as words, written the way road signs write them: UK "down the m five" to M5,
 * "up the a sixty one" to A61; US "route sixty six" to Route 66, "highway one oh one" to Highway
 * 101, "interstate ten" to Interstate 10, "on I ninety five" to I-95, "the u s one" to US 1.
 *
 * <p>A road is a road letter or word and a run of number words, and the words around it must say
 * so, because each part has an everyday reading:
 *
 * <ul>
 *   <li>the UK letters (M, A, B; {@code cleaning/road-classes.txt}) only after "the", where "a"
 *       cannot be the article, and only with a road's evidence around: a preposition or verb of
 *       going before "the" ("down the", "up the", "off the", "take the"; {@code
 *       cleaning/road-cues.txt}) or a road noun after the number ("the a one road", "the m six
 *       toll"; {@code cleaning/road-nouns.txt});
 *   <li>the US letters after one of those cues ("on I ninety five", "take u s one"), I also after
 *       "the" ("the I ninety five corridor"; "in the u s one is enough" is the country);
 *   <li>"route", "highway", "interstate" never after a determiner, a pronoun, a modal or "to" ("our
 *       route", "we route five calls", "to route them");
 *   <li>never a number that counts the noun after it ("up the, a sixty percent", "the a two hour
 *       drive"); no punctuation inside; numbers alone are never rewritten.
 * </ul>
 */
final class RoadNameStage implements Stage {

  private static final Set<String> CUES = WordList.load("/cleaning/road-cues.txt");
  private static final Set<String> ROAD_NOUNS = WordList.load("/cleaning/road-nouns.txt");

  private static final String CLASSES = "/cleaning/road-classes.txt";

  /** Roads named by a word before the number, written with a capital: Route 66. */
  private static final Set<String> ROAD_WORDS = roadClasses("word");

  /** The letters of UK motorways, A roads and B roads. */
  private static final Set<String> UK_LETTERS = roadClasses("letter");

  /** No road number is longer (B roads have four digits; Interstates three). */
  private static final int MAX_DIGITS = 4;

  private static final int NOT_A_COUNTED_NOUN =
      EnglishDictionary.PREPOSITION
          | EnglishDictionary.CONJUNCTION
          | EnglishDictionary.DETERMINER
          | EnglishDictionary.PRONOUN
          | EnglishDictionary.PARTICLE
          | EnglishDictionary.MODAL;

  private static final int NOT_BEFORE_A_ROAD_WORD =
      EnglishDictionary.DETERMINER | EnglishDictionary.PRONOUN | EnglishDictionary.MODAL;

  /** A road found at tokens {@code [start, end)}, written {@code name}. */
  private record Road(int start, int end, String name) {}

  @Override
  public String name() {
    return "road_names";
  }

  @Override
  public Kind kind() {
    return Kind.WORD;
  }

  @Override
  public String apply(String text, StageInput turn, List<Correction> out) {
    List<Tokens.Token> tokens = Tokens.split(text);
    boolean changed = false;
    for (int i = 0; i + 1 < tokens.size(); i++) {
      // most words are followed by no number word: no road starts there
      boolean numberNext =
          SpokenForm.isNumberWord(tokens.get(i + 1).lower())
              || i + 2 < tokens.size() && SpokenForm.isNumberWord(tokens.get(i + 2).lower());
      Road road = numberNext ? roadAt(tokens, i) : null;
      if (road == null) {
        continue;
      }
      replace(tokens, road.start(), road.end(), road.name(), out);
      changed = true;
    }
    changed |= JunctionNumbers.apply(tokens, out);
    return changed ? Tokens.join(tokens) : text;
  }

  /** Writes {@code name} for the tokens {@code [start, end)}, keeping the punctuation around. */
  static void replace(
      List<Tokens.Token> tokens, int start, int end, String name, List<Correction> out) {
    Tokens.Token first = tokens.get(start);
    Tokens.Token last = tokens.get(end - 1);
    StringBuilder said = new StringBuilder();
    for (int k = start; k < end; k++) {
      said.append(k == start ? "" : " ").append(tokens.get(k).core());
    }
    out.add(new Correction(said.toString(), name, Confidence.MEDIUM, Reason.ROAD_NAME));
    tokens.subList(start, end).clear();
    tokens.add(start, new Tokens.Token(first.lead(), name, last.trail()));
  }

  /** The road whose letter or word is at {@code i}, or null. */
  private static Road roadAt(List<Tokens.Token> tokens, int i) {
    Tokens.Token t = tokens.get(i);
    if (!t.trail().isEmpty() || t.hasDigit()) {
      return null; // nothing between the letter or word and its number
    }
    String w = t.lower();
    boolean afterThe =
        i > 0
            && tokens.get(i - 1).lower().equals("the")
            && tokens.get(i - 1).trail().isEmpty()
            && t.lead().isEmpty();
    if (ROAD_WORDS.contains(w)) {
      // "on the highway one oh one": "the" after a cue, not "our route"
      boolean cuedThe = afterThe && cueBeforeThe(tokens, i - 1);
      if (i > 0 && !cuedThe && !roadWordMayFollow(tokens.get(i - 1), w)) {
        return null;
      }
      return numbered(tokens, i, i + 1, Tokens.capitalize(w) + " ", false, false);
    }
    if (UK_LETTERS.contains(w) && afterThe) {
      boolean cued = cueBeforeThe(tokens, i - 1);
      // after a cue, "the m five" counts nothing ("off the m five today"); "the a" may be "a"
      return numbered(tokens, i, i + 1, w.toUpperCase(Locale.ROOT), !cued, cued && !w.equals("a"));
    }
    boolean cued = i > 0 && isCue(tokens.get(i - 1));
    if (w.equals("i") && (afterThe || cued)) {
      return numbered(tokens, i, i + 1, "I-", false, false);
    }
    if (!cued) {
      return null; // "in the u s one is enough": the country
    }
    String twoLetters = i + 1 < tokens.size() ? w + tokens.get(i + 1).lower() : "";
    if (w.length() == 1 && (twoLetters.equals("us") || twoLetters.equals("sr"))) {
      Tokens.Token second = tokens.get(i + 1);
      return second.lead().isEmpty() && second.trail().isEmpty()
          ? numbered(tokens, i, i + 2, twoLetters.toUpperCase(Locale.ROOT) + " ", false, false)
          : null;
    }
    if (t.core().equals("US") || t.core().equals("SR")) {
      return numbered(tokens, i, i + 1, t.core() + " ", false, false);
    }
    return null;
  }

  /**
   * The road {@code prefix} + the number said from {@code from} on, starting at token {@code
   * start}; with {@code needsRoadNoun}, only when a road noun follows the number; unless {@code
   * countsNothing} (a letter or word that no everyday reading follows with a count) or the number
   * is said digit by digit ("one oh one"), not when the number counts the noun after it.
   */
  private static Road numbered(
      List<Tokens.Token> tokens,
      int start,
      int from,
      String prefix,
      boolean needsRoadNoun,
      boolean countsNothing) {
    int end = from;
    StringBuilder digits = new StringBuilder();
    int group = from;
    while (end < tokens.size()) {
      Tokens.Token t = tokens.get(end);
      String w = t.lower();
      if (!t.lead().isEmpty() || t.hasDigit()) {
        break;
      }
      boolean zero =
          SpokenForm.isSpokenZero(w)
              && end > group
              && end + 1 < tokens.size()
              && SpokenForm.isNumberWord(tokens.get(end + 1).lower());
      if (!zero && !SpokenForm.isNumberWord(w)) {
        break;
      }
      if (zero) {
        digits.append(SpokenForm.digits(tokens, group, end)).append('0');
        group = end + 1;
      }
      end++;
      if (!t.trail().isEmpty()) {
        break; // the number ends at the punctuation
      }
    }
    if (end == from || group == end) {
      return null;
    }
    digits.append(SpokenForm.digits(tokens, group, end));
    if (digits.length() > MAX_DIGITS || digits.charAt(0) == '0') {
      return null;
    }
    boolean endsThere = end == tokens.size() || !tokens.get(end - 1).trail().isEmpty();
    String next = endsThere ? "" : tokens.get(end).lower();
    if (needsRoadNoun
        ? !ROAD_NOUNS.contains(next)
        : !countsNothing && group == from && countedNoun(next) || byNumber(tokens, end)) {
      return null;
    }
    return new Road(start, end, prefix + digits);
  }

  /** The road words or letters of {@code kind} in {@code road-classes.txt}. */
  private static Set<String> roadClasses(String kind) {
    Set<String> out = new HashSet<>();
    for (String line : WordList.lines(CLASSES)) {
      String[] f = line.toLowerCase(Locale.ROOT).split("\\s+");
      if (f.length != 2 || !f[1].equals("word") && !f[1].equals("letter")) {
        throw new IllegalStateException(CLASSES + ": a word and its kind (word, letter): " + line);
      }
      if (f[1].equals(kind)) {
        out.add(f[0]);
      }
    }
    return Set.copyOf(out);
  }

  /**
   * "up the", "off the", "take the": the word before "the" at {@code the} says a road follows; so
   * does "of" after a road noun ("junction ten of the m six", "north of the a one").
   */
  private static boolean cueBeforeThe(List<Tokens.Token> tokens, int the) {
    if (the == 0 || !tokens.get(the).lead().isEmpty()) {
      return false;
    }
    Tokens.Token before = tokens.get(the - 1);
    if (isCue(before)) {
      return true;
    }
    if (!before.lower().equals("of") || !before.trail().isEmpty()) {
      return false;
    }
    for (int k = the - 2; k >= Math.max(0, the - 4); k--) {
      Tokens.Token t = tokens.get(k);
      if (!t.trail().isEmpty()) {
        return false;
      }
      if (ROAD_NOUNS.contains(t.lower())) {
        return true;
      }
    }
    return false;
  }

  /** "route one by one", "two by four": the number is one of a pair, not a road's. */
  private static boolean byNumber(List<Tokens.Token> tokens, int end) {
    return end + 1 < tokens.size()
        && tokens.get(end - 1).trail().isEmpty()
        && tokens.get(end).lower().equals("by")
        && SpokenForm.isNumberWord(tokens.get(end + 1).lower());
  }

  private static boolean isCue(Tokens.Token t) {
    return t.trail().isEmpty() && CUES.contains(t.lower());
  }

  /**
   * "on route", "take highway": not "our route", "we route", "can route", "to route", nor "route"
   * the verb after a plural noun ("calls route one to the desk").
   */
  private static boolean roadWordMayFollow(Tokens.Token before, String roadWord) {
    String w = before.lower();
    if (!before.trail().isEmpty()) {
      return true;
    }
    EnglishDictionary dict = EnglishDictionary.get();
    boolean pluralNoun = w.endsWith("s") && dict.can(w, EnglishDictionary.NOUN) && !isCue(before);
    return !w.equals("to")
        && !dict.can(w, NOT_BEFORE_A_ROAD_WORD)
        && !SpokenForm.isNumberWord(w)
        && !(roadWord.equals("route") && pluralNoun);
  }

  /**
   * "sixty percent", "sixty per cent", "two hour drive", "five calls": a noun the number counts,
   * not a road's.
   */
  static boolean countedNoun(String next) {
    if (next.isEmpty() || ROAD_NOUNS.contains(next)) {
      return false;
    }
    if (next.equals("per")) {
      return true;
    }
    EnglishDictionary dict = EnglishDictionary.get();
    return dict.can(next, EnglishDictionary.NOUN) && !dict.can(next, NOT_A_COUNTED_NOUN);
  }
}
