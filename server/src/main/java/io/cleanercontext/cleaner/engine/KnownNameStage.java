package io.cleanercontext.cleaner.engine;

import java.util.List;
import java.util.Locale;

/**
 * Restores well-known names nobody in the call said first ({@link KnownNames}): brands and places
 * the STT wrote in lower case ("shopify" to "Shopify") or split into everyday words ("linked in" to
 * "LinkedIn", "in sunder land" to "in Sunderland").
 *
 * <p>Precision first, since the list is large and its split forms are everyday words:
 *
 * <ul>
 *   <li>casing needs a single token that is not an English word in lower case;
 *   <li>a split name needs two or three lower-case dictionary words whose letters are exactly the
 *       name's, none a function word unless the split is at the brand's own capitals ("you tube"
 *       for "YouTube"), and a neighbour that says a name is meant: a brand follows a word such as
 *       "on", "use", "via" or "through", or comes before "ads", "page", "account"; another proper
 *       noun (a place, mostly) follows "in", "near", "around" or "outside" (the cues of use "known"
 *       in {@code cleaning/name-cues.txt}, read by {@link NameCues});
 *   <li>a split that is itself an everyday compound ("next door" is "next-door") is never joined;
 *   <li>a place of several words is cased ("in round rock" to "in Round Rock") after a place's
 *       preposition, and only where the phrase ends with it;
 *   <li>a place heard as other words ("up in rio ranch oh" to "up in Rio Rancho") needs its sound,
 *       the language model, its size or a place named near it, and a cue ({@link HeardPlaces}).
 * </ul>
 *
 * It runs after the contextual stage, so the names of the call and the caller's keyterms win.
 */
final class KnownNameStage implements Stage {

  static final String CASING = "known_name_casing";
  static final String SPLIT = "known_name_split";
  static final String PLACE = "known_place_casing";
  static final String HEARD_PLACE = "known_place_sound";
  private static final int MAX_PLACE_WORDS = 4;
  private static final int MAX_SPLIT_WORDS = 3;

  private static final int NOT_A_HEAD_NOUN =
      EnglishDictionary.ADJECTIVE
          | EnglishDictionary.ADVERB
          | EnglishDictionary.PREPOSITION
          | EnglishDictionary.DETERMINER
          | EnglishDictionary.PRONOUN
          | EnglishDictionary.CONJUNCTION;

  @Override
  public String name() {
    return "known_names";
  }

  @Override
  public Kind kind() {
    return Kind.WORD;
  }

  /** {@link #apply(String, StageInput, List)} in a call that named no place. */
  String apply(String text, List<Correction> out) {
    return apply(text, null, out);
  }

  @Override
  public String apply(String text, StageInput turn, List<Correction> out) {
    List<Tokens.Token> tokens = Tokens.split(text);
    ConversationContext call = turn == null ? null : turn.conversation();
    NamedPlaces[] named = new NamedPlaces[1]; // the places named so far, cased: asked rarely
    KnownNames names = KnownNames.get();
    EnglishDictionary dict = EnglishDictionary.get();
    boolean changed = false;
    for (int i = 0; i < tokens.size(); i++) {
      int len = joinAt(tokens, i, names, dict);
      int placeLen = len > 1 ? 0 : placeAt(tokens, i, names);
      HeardPlaces.Heard heard = HeardPlaces.at(tokens, i, () -> placesNamed(named, call, tokens));
      if (heard != null && heard.length() > Math.max(len, placeLen)) {
        // "in new port news": the place heard is longer than the name the letters spell
        replace(tokens, i, heard.length(), heard.place(), HEARD_PLACE, Confidence.MEDIUM, out);
        changed = true;
      } else if (len > 1) {
        String spelling = names.byKey(key(tokens, i, len)).spelling();
        replace(tokens, i, len, spelling, SPLIT, Confidence.MEDIUM, out);
        changed = true;
      } else if (placeLen > 0) {
        String spelling = names.place(Tokens.words(tokens, i, placeLen));
        replace(tokens, i, placeLen, spelling, PLACE, Confidence.HIGH, out);
        changed = true;
      } else {
        Tokens.Token t = tokens.get(i);
        KnownNames.Name name = casingOf(t, names, dict);
        if (name != null) {
          tokens.set(i, t.withCore(name.spelling()));
          out.add(new Correction(t.core(), name.spelling(), Confidence.HIGH, CASING));
          changed = true;
        }
      }
    }
    return changed ? Tokens.join(tokens) : text;
  }

  /** The places the call and the turn as cleaned so far name ("in exeter" cased already). */
  private static NamedPlaces placesNamed(
      NamedPlaces[] named, ConversationContext call, List<Tokens.Token> tokens) {
    if (named[0] == null) {
      named[0] = new NamedPlaces(call, Tokens.join(tokens));
    }
    return named[0];
  }

  /** The tokens [start, start+len) replaced by one, the name's spelling. */
  private static void replace(
      List<Tokens.Token> tokens,
      int start,
      int len,
      String spelling,
      String reason,
      Confidence confidence,
      List<Correction> out) {
    String original = Tokens.words(tokens, start, len);
    Tokens.Token last = tokens.get(start + len - 1);
    tokens.set(start, new Tokens.Token(tokens.get(start).lead(), spelling, last.trail()));
    tokens.subList(start + 1, start + len).clear();
    out.add(new Correction(original, spelling, confidence, reason));
  }

  private static KnownNames.Name casingOf(
      Tokens.Token t, KnownNames names, EnglishDictionary dict) {
    String core = t.core();
    if (core.length() < KnownNames.MIN_LENGTH || !isLowerLetters(core)) {
      return null;
    }
    KnownNames.Name name = names.mayHaveKey(core.hashCode()) ? names.byKey(core) : null;
    return name == null || dict.isLowerCaseWord(core) ? null : name;
  }

  /** The number of tokens from {@code start} that spell a known name in context, or 0. */
  private static int joinAt(
      List<Tokens.Token> tokens, int start, KnownNames names, EnglishDictionary dict) {
    // cheap checks first (shape, the key's hash, then one lookup); the dictionary only for a name
    int hash = start < tokens.size() ? tokens.get(start).core().hashCode() : 0;
    for (int len = 2; len <= MAX_SPLIT_WORDS && start + len <= tokens.size(); len++) {
      Tokens.Token t = tokens.get(start + len - 1);
      Tokens.Token previous = tokens.get(start + len - 2);
      if (!previous.trail().isEmpty() || !splitShape(t) || !splitShape(previous)) {
        return 0;
      }
      hash = HashFilter.extend(hash, t.core()); // the hash of key(tokens, start, len)
      if (!names.mayHaveKey(hash)) {
        continue;
      }
      KnownNames.Name name = names.byKey(key(tokens, start, len));
      if (name != null
          && dictionaryWords(tokens, start, len, dict)
          && (contentWords(tokens, start, len) || splitAtCapitals(tokens, start, len, name))
          && !dict.isLowerCaseWord(hyphenated(tokens, start, len))
          && licensed(tokens, start, len, name.kind())) {
        return len;
      }
    }
    return 0;
  }

  /**
   * The number of lower-case words from {@code start} that name a place of several words after a
   * place's preposition and before the end of the phrase ("in round rock." or "in round rock and
   * ..."), or 0.
   */
  private static int placeAt(List<Tokens.Token> tokens, int start, KnownNames names) {
    if (start == 0
        || !tokens.get(start - 1).trail().isEmpty()
        || !placeCue(tokens.get(start - 1).lower())) {
      return 0;
    }
    for (int len = Math.min(MAX_PLACE_WORDS, tokens.size() - start); len >= 2; len--) {
      if (lowerWords(tokens, start, len)
          && names.place(Tokens.words(tokens, start, len)) != null
          && phraseEndsAfter(tokens, start + len)) {
        return len;
      }
    }
    return 0;
  }

  private static boolean lowerWords(List<Tokens.Token> tokens, int start, int len) {
    for (int i = start; i < start + len; i++) {
      Tokens.Token t = tokens.get(i);
      boolean inside = i < start + len - 1;
      if (!isLowerLetters(t.core()) || !t.lead().isEmpty() || (inside && !t.trail().isEmpty())) {
        return false;
      }
    }
    return true;
  }

  /** True unless a noun follows that would make the phrase its modifier ("high point season"). */
  static boolean phraseEndsAfter(List<Tokens.Token> tokens, int after) {
    if (after == tokens.size() || !tokens.get(after - 1).trail().isEmpty()) {
      return true;
    }
    String next = tokens.get(after).lower();
    EnglishDictionary dict = EnglishDictionary.get();
    return CommonWords.isStopword(next)
        || !dict.can(next, EnglishDictionary.NOUN)
        || dict.can(next, NOT_A_HEAD_NOUN);
  }

  private static boolean licensed(
      List<Tokens.Token> tokens, int start, int len, KnownNames.Kind kind) {
    String before =
        start > 0 && tokens.get(start - 1).trail().isEmpty() ? tokens.get(start - 1).lower() : "";
    return kind == KnownNames.Kind.PROPER_NOUN
        ? placeCue(before)
        : NameCues.brandCue(tokens, start, len);
  }

  /** "in", "near": a word before a run that calls for a place here ({@code name-cues.txt}). */
  private static boolean placeCue(String lowerBefore) {
    return (NameCues.before(lowerBefore, NameCues.Use.KNOWN) & NameCues.PLACE_NAMES) != 0;
  }

  private static boolean splitShape(Tokens.Token t) {
    return t.lowerCaseWord();
  }

  private static boolean dictionaryWords(
      List<Tokens.Token> tokens, int start, int len, EnglishDictionary dict) {
    for (int i = start; i < start + len; i++) {
      if (!dict.isLowerCaseWord(tokens.get(i).core())) {
        return false;
      }
    }
    return true;
  }

  private static boolean contentWords(List<Tokens.Token> tokens, int start, int len) {
    for (int i = start; i < start + len; i++) {
      if (CommonWords.isStopword(tokens.get(i).core())) {
        return false;
      }
    }
    return true;
  }

  /**
   * True when the words are the parts of a brand spelled with capitals inside, split where its
   * capitals are ("you tube" for "YouTube", "linked in" for "LinkedIn"): then a function word may
   * be one of them.
   */
  private static boolean splitAtCapitals(
      List<Tokens.Token> tokens, int start, int len, KnownNames.Name name) {
    String spelling = name.spelling();
    int at = 0;
    for (int i = start; i < start + len; i++) {
      int end = at + tokens.get(i).core().length();
      if (at > 0 && !Character.isUpperCase(spelling.charAt(at))) {
        return false;
      }
      at = end;
    }
    return name.kind() == KnownNames.Kind.BRAND;
  }

  private static boolean isLowerLetters(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (!Character.isLowerCase(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static String key(List<Tokens.Token> tokens, int start, int len) {
    StringBuilder sb = new StringBuilder();
    for (int i = start; i < start + len; i++) {
      sb.append(tokens.get(i).core());
    }
    return sb.toString();
  }

  private static String hyphenated(List<Tokens.Token> tokens, int start, int len) {
    StringBuilder sb = new StringBuilder();
    for (int i = start; i < start + len; i++) {
      sb.append(i > start ? "-" : "").append(tokens.get(i).core());
    }
    return sb.toString().toLowerCase(Locale.ROOT);
  }
}
