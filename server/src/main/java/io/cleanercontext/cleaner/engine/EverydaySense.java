package io.cleanercontext.cleaner.engine;

import java.util.List;
import java.util.Set;

/**
 * Decides, from its neighbours, that a run of everyday words is used in its everyday sense and must
 * not become the name it sounds like: "won't call back" is a verb with its particle, not the
 * product "Callback"; "on the bright side" is a noun phrase with its determiner, not the company
 * "Brightside". A name is used without a determiner ("we use Brightside") or as a modifier before a
 * noun ("the Brightside app"); a verb phrase follows a subject, a modal, "to" or a negation. Parts
 * of speech come from {@link EnglishDictionary}; the words after which a verb is due and the
 * determiners are rule data ({@code cleaning/verb-cues.txt}, {@code cleaning/determiners.txt}).
 */
final class EverydaySense {

  private static final Set<String> VERB_LICENSERS = WordList.load("/cleaning/verb-cues.txt");
  private static final Set<String> DETERMINERS = WordList.load("/cleaning/determiners.txt");

  private EverydaySense() {}

  /**
   * True when two everyday words are a verb and its particle or participle after a subject, a modal
   * or "to" ("it rings out", "our temps get paid", "the guests check in"): a verb phrase, not a
   * name. A plural noun right before counts as a subject.
   */
  static boolean verbPhrase(List<Tokens.Token> tokens, int start, int len) {
    if (len != 2 || start == 0 || !tokens.get(start - 1).trail().isEmpty()) {
      return false;
    }
    EnglishDictionary dict = EnglishDictionary.get();
    String before = tokens.get(start - 1).lower().replace('\u2019', '\'');
    String first = tokens.get(start).lower();
    String last = tokens.get(start + 1).lower();
    boolean subject =
        VERB_LICENSERS.contains(before)
            || before.equals("it")
            || (before.endsWith("s") && dict.can(before, EnglishDictionary.NOUN));
    return subject
        && dict.can(first, EnglishDictionary.VERB)
        && dict.can(
            last,
            EnglishDictionary.PARTICLE
                | EnglishDictionary.ADVERB
                | EnglishDictionary.PREPOSITION
                | EnglishDictionary.VERB_PAST);
  }

  /**
   * True when the run starts with a verb where a verb is due: after "to", a modal or a negation
   * ("have to make there own", "we'll pack up"), a word that can be a verb in its base form is read
   * as one, and the run as its verb phrase, never as a name.
   */
  static boolean verbDue(List<Tokens.Token> tokens, int start) {
    if (start == 0 || !tokens.get(start - 1).trail().isEmpty()) {
      return false;
    }
    String before = tokens.get(start - 1).lower().replace('\u2019', '\'');
    return (before.equals("to") || (VERB_LICENSERS.contains(before) && !before.equals("and")))
        && EnglishDictionary.get().can(tokens.get(start).lower(), EnglishDictionary.VERB_BASE);
  }

  /**
   * True when the everyday words {@code tokens[start, start+len)} read as ordinary English here.
   */
  static boolean holds(List<Tokens.Token> tokens, int start, int len) {
    EnglishDictionary dict = EnglishDictionary.get();
    String first = tokens.get(start).lower();
    String last = tokens.get(start + len - 1).lower();
    String before =
        start > 0 && tokens.get(start - 1).trail().isEmpty() ? tokens.get(start - 1).lower() : null;
    Tokens.Token afterToken = // a noun right after, no punctuation between
        start + len < tokens.size() && tokens.get(start + len - 1).trail().isEmpty()
            ? tokens.get(start + len)
            : null;
    boolean nounFollows = afterToken != null && nounFollows(tokens, start + len);
    // verb + particle after a subject, modal, negation or "to": "won't call back", "we log in"
    if (len == 2
        && before != null
        && VERB_LICENSERS.contains(before.replace('\u2019', '\''))
        && dict.can(first, EnglishDictionary.VERB)
        && dict.can(
            last,
            EnglishDictionary.PARTICLE | EnglishDictionary.ADVERB | EnglishDictionary.PREPOSITION)
        && !nounFollows) {
      return true;
    }
    // determiner + ordinary noun phrase that no noun follows: "on the bright side", "a next door"
    return before != null
        && DETERMINERS.contains(before)
        && !nounFollows
        && dict.can(last, EnglishDictionary.NOUN);
  }

  /**
   * {@link #holds} after the indefinite article, also before adjectives or numbers ahead of the
   * run: "carry a field pack", "we bought a new field pack" are noun phrases, no name (a name is
   * rarely counted; "the" may come before one: "want the viewing line for the landlords").
   */
  static boolean nounPhrase(List<Tokens.Token> tokens, int start, int len) {
    int from = start;
    while (from > 1
        && tokens.get(from - 1).trail().isEmpty()
        && tokens.get(from - 1).core().equals(tokens.get(from - 1).lower())
        && EnglishDictionary.get()
            .can(
                tokens.get(from - 1).lower(),
                EnglishDictionary.ADJECTIVE | EnglishDictionary.NUMBER)
        && !DETERMINERS.contains(tokens.get(from - 1).lower())) {
      from--;
    }
    String article = from > 0 ? tokens.get(from - 1).lower() : "";
    return (article.equals("a") || article.equals("an")) && holds(tokens, from, start + len - from);
  }

  /**
   * True when the word at {@code after} is a noun the run before it would modify, with no
   * punctuation between: "the bright side app", "from red wood city" (not a preposition, a
   * determiner, a pronoun, a conjunction or an adverb: "harrow gate up the road" ends at "gate").
   */
  static boolean nounFollows(List<Tokens.Token> tokens, int after) {
    if (after == 0 || after >= tokens.size() || !tokens.get(after - 1).trail().isEmpty()) {
      return false;
    }
    EnglishDictionary dict = EnglishDictionary.get();
    String next = tokens.get(after).lower();
    return dict.can(next, EnglishDictionary.NOUN)
        && !dict.can(
            next,
            EnglishDictionary.PREPOSITION
                | EnglishDictionary.DETERMINER
                | EnglishDictionary.PRONOUN
                | EnglishDictionary.CONJUNCTION
                | EnglishDictionary.ADVERB);
  }
}
