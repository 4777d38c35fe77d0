package io.cleanercontext.cleaner.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Candidates of the evidence stage for names nobody in the call said: runs of heard words beside a
 * name cue ({@link NameCues}) that sound like a name of the lists ({@link NameSounds}): "from
 * harrow gate" (Harrogate), "to western super mare" (Weston-super-Mare), "up to barns lee"
 * (Barnsley); the stage weighs them ({@link RunEvidence}, {@link NamedPlaces}). The run is held to
 * the same shape as a run heard for a name of the call ({@link TermSounds#plausibleRun}: no verb
 * phrase), and to more: two content words or more written in lower case (a capital is a name
 * already, one everyday word is never a name), no verb where a verb is due, the phrase ends after
 * it (or a cue such as "location" follows: "from red wood city" is no Wrightwood), one of its words
 * at least is not one everybody says (the prior: "last week", "in body" are everyday English), and
 * used in their everyday sense they are never a name ({@link EverydaySense}).
 */
final class ListedNameRuns {

  /**
   * One heard run and a listed name it sounds like; {@code kinds}: the lists ({@link
   * KnownNames#PLACE}...) the cue called for that have the name.
   */
  record Candidate(int start, int length, NameSounds.Name name, double cost, int kinds) {}

  static final int MAX_WORDS = 4;

  /**
   * A name is heard as two words or more: one heard word is an everyday word (never a name that
   * sounds like it: "a temp", "zero") or already the name's own spelling, which casing restores.
   */
  static final int MIN_WORDS = 2;

  /**
   * A word this common (log10 unigram) is one everybody says ({@link EvidenceStage#rarity}'s line):
   * a run of such words only is everyday English ("last week", "in body"), never a name.
   */
  static final double EVERYDAY = -4.0;

  private final NameSounds names;
  private final TermSounds shapes;
  private final LanguageModel lm;

  ListedNameRuns(NameSounds names, TermSounds shapes, LanguageModel lm) {
    this.names = names;
    this.shapes = shapes;
    this.lm = lm;
  }

  /**
   * The listed names that runs starting at {@code start} (ending at or before {@code last}, the
   * last token of the model's sentence) sound like, when a cue beside the run calls for names of
   * their list.
   *
   * @param heard the turn's words and their phonemes ({@link TermSounds#heard})
   */
  List<Candidate> at(HeardWords heard, int start, int last) {
    List<Tokens.Token> tokens = heard.tokens();
    List<Candidate> out = new ArrayList<>();
    boolean rare = false;
    int cuesBefore = -1; // the same for every run from start: asked once
    for (int k = 1; k <= MAX_WORDS && start + k - 1 <= last; k++) {
      Tokens.Token t = tokens.get(start + k - 1);
      if (!contentWord(t) || (k > 1 && !tokens.get(start + k - 2).trail().isEmpty())) {
        break; // a run never crosses punctuation, nor takes in a capital, a digit, a function word
      }
      rare |= lm.unigram(heard.id(start + k - 1)) < EVERYDAY;
      if (k >= MIN_WORDS && rare && cuesBefore < 0) {
        cuesBefore = NameCues.before(tokens, start);
      }
      // NameCues.licensed, its cue before the run asked once
      int kinds = k < MIN_WORDS || !rare ? 0 : cuesBefore | NameCues.after(tokens, start + k);
      if (kinds == 0
          || (EverydaySense.nounFollows(tokens, start + k)
              && NameCues.after(tokens, start + k) == 0)
          || !shapes.plausibleRun(heard, start, k)
          || EverydaySense.holds(tokens, start, k)
          || EverydaySense.verbDue(tokens, start)) {
        continue;
      }
      byte[] run = heard.run(start, k);
      String heardKey = heard.key(start, k);
      for (NameSounds.Match m : names.matches(run, kinds)) {
        String key = m.name().joinedKey();
        if (run.length >= m.name().phones().length * 0.6
            && run.length <= m.name().phones().length * 1.5
            && !heardKey.contains(key)
            && !key.contains(heardKey)) {
          out.add(new Candidate(start, k, m.name(), m.cost(), kinds & m.name().kinds()));
        }
      }
    }
    return out;
  }

  /**
   * A word in lower-case letters that is no function word: neither a stopword nor a word whose
   * every reading is a preposition, determiner, pronoun, conjunction or modal ("via", "thy", "him",
   * "than"): a name is heard as content words ("harrow gate"), never across "town a noun".
   */
  private static boolean contentWord(Tokens.Token t) {
    if (!t.lowerCaseWord()) {
      return false;
    }
    String core = t.core();
    return !CommonWords.isStopword(core) && !EnglishDictionary.get().only(core, FUNCTION);
  }

  private static final int FUNCTION =
      EnglishDictionary.PREPOSITION
          | EnglishDictionary.DETERMINER
          | EnglishDictionary.PRONOUN
          | EnglishDictionary.CONJUNCTION
          | EnglishDictionary.MODAL;
}
