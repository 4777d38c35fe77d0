package io.cleanercontext.cleaner.engine;

import java.util.List;
import java.util.Set;

/**
 * The words beside a run that say a name is meant there, and which lists' names they call for: a
 * place after "in", "from", "to", "near" or before "location", "office"; a brand after "on", "use",
 * "via", "through" or before "ads", "account", "app"; a person's name after "this is", "my name
 * is", "speak to". No cue, no listed-name candidate: a run of everyday words with no such neighbour
 * is never looked up ({@link ListedNameRuns}).
 */
final class NameCues {

  /** Lists whose names a place cue calls for: the gazetteer's (a surname is no place). */
  static final int PLACE_NAMES = KnownNames.PLACE;

  static final int BRAND_NAMES = KnownNames.BRAND_LIST;

  /** A person's first name (a brand or a place the dictionaries know is no one's name). */
  static final int PERSON_NAMES = KnownNames.FIRST_NAME;

  private static final Set<String> PLACE_BEFORE =
      Set.of("in", "from", "to", "near", "around", "outside", "towards");
  private static final Set<String> PLACE_AFTER =
      Set.of("location", "branch", "office", "site", "area", "depot", "studio", "clinic");
  private static final Set<String> BRAND_BEFORE =
      Set.of(
          "on", "use", "uses", "used", "using", "via", "through", "with", "into", "onto", "off",
          "to");
  private static final Set<String> BRAND_AFTER =
      Set.of(
          "ads",
          "ad",
          "advert",
          "adverts",
          "account",
          "page",
          "profile",
          "listing",
          "listings",
          "reviews",
          "review",
          "store",
          "app",
          "integration",
          "campaign",
          "campaigns",
          "software",
          "subscription",
          "login",
          "dashboard");

  /** Two words before a person's name: "this is", "name is", "speak to". */
  private static final Set<String> PERSON_BEFORE =
      Set.of(
          "this is",
          "name is",
          "name's",
          "speak to",
          "speak with",
          "talk to",
          "ask for",
          "called",
          "named");

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
      kinds |= PLACE_BEFORE.contains(before) ? PLACE_NAMES : 0;
      kinds |= BRAND_BEFORE.contains(before) ? BRAND_NAMES : 0;
      kinds |= PERSON_BEFORE.contains(before) ? PERSON_NAMES : 0;
      if (start > 1 && tokens.get(start - 2).trail().isEmpty()) {
        String two = tokens.get(start - 2).lower() + " " + before;
        kinds |= PERSON_BEFORE.contains(two.replace('\u2019', '\'')) ? PERSON_NAMES : 0;
      }
    }
    return kinds;
  }

  /** The lists a cue word at {@code after}, right after a run, calls for ("the X location"). */
  static int after(List<Tokens.Token> tokens, int after) {
    if (after == 0 || after >= tokens.size() || !tokens.get(after - 1).trail().isEmpty()) {
      return 0;
    }
    String next = tokens.get(after).lower();
    return (PLACE_AFTER.contains(next) ? PLACE_NAMES : 0)
        | (BRAND_AFTER.contains(next) ? BRAND_NAMES : 0);
  }
}
