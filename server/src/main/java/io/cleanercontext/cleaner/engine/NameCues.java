package io.cleanercontext.cleaner.engine;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The words beside a run that say a name is meant there, and which lists' names they call for: a
 * place after "in", "from", "to", "near" or before "location", "office"; a brand after "on", "use",
 * "via", "through" or before "ads", "account", "app"; a person's name after "this is", "my name
 * is", "speak to". No cue, no listed-name candidate: a run of everyday words with no such neighbour
 * is never looked up ({@link ListedNameRuns}). The cues, and which stage uses which, are the rule
 * data in {@code cleaning/name-cues.txt}.
 */
final class NameCues {

  /** Lists whose names a place cue calls for: the gazetteer's (a surname is no place). */
  static final int PLACE_NAMES = KnownNames.PLACE;

  static final int BRAND_NAMES = KnownNames.BRAND_LIST;

  /** A person's first name (a brand or a place the dictionaries know is no one's name). */
  static final int PERSON_NAMES = KnownNames.FIRST_NAME;

  /** The stages that read the cues, each with its own words (the file's third column). */
  enum Use {
    /** The evidence stage's runs that sound like a listed name ({@link ListedNameRuns}). */
    LISTED,
    /** {@link KnownNameStage}'s split brands and places of several words. */
    KNOWN
  }

  private static final String RESOURCE = "/cleaning/name-cues.txt";

  /** Per use, the lists a cue word (or two) right before a run calls for, and right after. */
  private static final Map<Use, Map<String, Integer>> BEFORE = new EnumMap<>(Use.class);

  private static final Map<Use, Map<String, Integer>> AFTER = new EnumMap<>(Use.class);

  static {
    for (Use use : Use.values()) {
      BEFORE.put(use, new HashMap<>());
      AFTER.put(use, new HashMap<>());
    }
    for (String line : WordList.lines(RESOURCE)) {
      String[] f = line.split("\\s+", 4);
      if (f.length < 4) {
        throw new IllegalStateException(RESOURCE + ": four columns expected in: " + line);
      }
      Map<Use, Map<String, Integer>> side =
          switch (f[0]) {
            case "before" -> BEFORE;
            case "after" -> AFTER;
            default -> throw new IllegalStateException(RESOURCE + ": no such side: " + f[0]);
          };
      int kind =
          switch (f[1]) {
            case "place" -> PLACE_NAMES;
            case "brand" -> BRAND_NAMES;
            case "person" -> PERSON_NAMES;
            default -> throw new IllegalStateException(RESOURCE + ": no such names: " + f[1]);
          };
      String cue = f[3].toLowerCase(Locale.ROOT);
      for (String use : f[2].split(",")) {
        side.get(Use.valueOf(use.toUpperCase(Locale.ROOT))).merge(cue, kind, (a, b) -> a | b);
      }
    }
  }

  private NameCues() {}

  /**
   * The lists ({@link KnownNames#PLACE}...) whose names a cue beside the tokens {@code [start,
   * start+length)} calls for, 0 when none: the words before and the word after, with no punctuation
   * between them and the run.
   */
  static int licensed(List<Tokens.Token> tokens, int start, int length) {
    return before(tokens, start) | after(tokens, start + length);
  }

  /** The lists a cue word (or two) right before {@code start} calls for. */
  static int before(List<Tokens.Token> tokens, int start) {
    int kinds = 0;
    if (start > 0 && tokens.get(start - 1).trail().isEmpty()) {
      String before = tokens.get(start - 1).lower();
      kinds |= before(before, Use.LISTED);
      if (start > 1 && tokens.get(start - 2).trail().isEmpty()) {
        String two = tokens.get(start - 2).lower() + " " + before;
        kinds |= before(two.replace('\u2019', '\''), Use.LISTED) & PERSON_NAMES;
      }
    }
    return kinds;
  }

  /** The lists a cue word at {@code after}, right after a run, calls for ("the X location"). */
  static int after(List<Tokens.Token> tokens, int after) {
    if (after == 0 || after >= tokens.size() || !tokens.get(after - 1).trail().isEmpty()) {
      return 0;
    }
    return after(tokens.get(after).lower(), Use.LISTED);
  }

  /** The lists ({@link KnownNames#PLACE}...) the cue word (or two) before a run calls for, or 0. */
  static int before(String lowerCue, Use use) {
    return BEFORE.get(use).getOrDefault(lowerCue, 0);
  }

  /** The lists ({@link KnownNames#PLACE}...) the cue word after a run calls for, or 0. */
  static int after(String lowerCue, Use use) {
    return AFTER.get(use).getOrDefault(lowerCue, 0);
  }

  /**
   * True when a {@link Use#KNOWN} cue for a brand stands right beside the tokens {@code [start,
   * start+len)}, with no punctuation between: "on", "use", "via" before ("we're on sage"), "ads",
   * "account", "app" after ("the zoom app").
   */
  static boolean brandCue(List<Tokens.Token> tokens, int start, int len) {
    int after = start + len;
    return start > 0
            && tokens.get(start - 1).trail().isEmpty()
            && (before(tokens.get(start - 1).lower(), Use.KNOWN) & BRAND_NAMES) != 0
        || after < tokens.size()
            && tokens.get(after - 1).trail().isEmpty()
            && (after(tokens.get(after).lower(), Use.KNOWN) & BRAND_NAMES) != 0;
  }

  /**
   * Whether the word at {@code at} stands where the sentence names a tool or a company: after a
   * name and "or"/"and" ("on QuickBooks or zero"), or after a verb of using ("we use X", "via X";
   * {@code use} cues of {@code name-cues.txt} for brands; a preposition only where the sentence
   * ends on the word: "we're on paychecks.") where the model finds the pair no more usual than the
   * word alone ("on track", "via email" are phrases); never before a noun ("zero penalties", "use
   * zero paper"). A word in lower case without punctuation but a sentence's end.
   */
  static boolean toolSlot(List<Tokens.Token> tokens, int at) {
    Tokens.Token t = tokens.get(at);
    if (at == 0
        || !t.lead().isEmpty()
        || !t.core().equals(t.lower())
        || !tokens.get(at - 1).trail().isEmpty()
        || !(t.trail().isEmpty() || t.endsSentence())
        || EverydaySense.nounFollows(tokens, at + 1)) {
      return false;
    }
    EnglishDictionary dict = EnglishDictionary.get();
    boolean number = dict.can(t.lower(), EnglishDictionary.NUMBER);
    if (!number
        && (!dict.can(t.lower(), EnglishDictionary.NOUN)
            || dict.can(t.lower(), EnglishDictionary.ADJECTIVE))) {
      return false; // a name is heard as a noun, not as "quick" in "we use quick forms"
    }
    String before = tokens.get(at - 1).lower();
    if ((before.equals("or") || before.equals("and")) && at >= 3) {
      Tokens.Token name = tokens.get(at - 2);
      return name.trail().isEmpty()
          && !tokens.get(at - 3).endsSentence()
          && !name.core().isEmpty()
          && Character.isUpperCase(name.core().charAt(0))
          && !name.core().equals("I")
          && !calendar(name.lower());
    }
    if ((before(before, Use.KNOWN) & BRAND_NAMES) == 0
        || dict.can(before, EnglishDictionary.PREPOSITION) && !t.endsSentence()) {
      return false;
    }
    LanguageModel lm = LanguageModel.get();
    int cue = lm.id(before);
    int word = lm.id(t.lower());
    return lm.prob(-1, cue, word) <= lm.unigram(word);
  }

  /** A day's or a month's name ("Tuesday or zero" names no tool). */
  private static boolean calendar(String lower) {
    for (java.time.DayOfWeek d : java.time.DayOfWeek.values()) {
      if (d.name().equalsIgnoreCase(lower)) {
        return true;
      }
    }
    for (java.time.Month m : java.time.Month.values()) {
      if (m.name().equalsIgnoreCase(lower)) {
        return true;
      }
    }
    return false;
  }
}
