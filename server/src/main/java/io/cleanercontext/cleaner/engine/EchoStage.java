package io.cleanercontext.cleaner.engine;

import java.util.List;
import java.util.Set;

/**
 * Removes what a streaming STT engine emits twice when it re-decodes the end of an utterance. All
 * shapes are one overlap problem at a boundary: the end of what precedes the boundary against the
 * start of what follows it, compared by characters and by words.
 *
 * <ul>
 *   <li>a tail glued to the punctuation ("on Google.C on Google.", "possible.sible", "a day.a day",
 *       "them.to them"): what follows the mark, up to a word end, is the end of what precedes it;
 *   <li>a tail fragment as its own token after a sentence end ("too expensive. pensive");
 *   <li>words repeated after a sentence end, in any case ("on Mondays. Mondays.", "for years.
 *       years.", "don't leave a message. don't leave a message.", "both sites. sites now");
 *   <li>a phrase of two or more words repeated with nothing between ("are still low are still
 *       low").
 * </ul>
 *
 * Guards for real repetition: words separated by a comma are deliberate ("I know, I know"); a
 * repeat containing a number is kept; courtesy and answer words are kept ("Thank you. Thank you.",
 * "No. No."); a capitalised repeat that goes on into a sentence of its own is a new sentence
 * ("sales.Sales is hard", "Sales. Sales is hard"); a single lower-case word that goes on must be a
 * content word ("right. right now" is kept); a two-word phrase whose first word the language model
 * expects again after it is a set phrase said on purpose ("door to door to", "as big as big").
 */
final class EchoStage implements TextStage {

  static final int MAX_ECHO_WORDS = 8;

  /**
   * The longest phrase repeated with nothing between that is looked for: a whole clause emitted
   * twice ("we get most of our calls in the morning we get most of our calls in the morning").
   */
  static final int MAX_REPEAT_WORDS = 20;

  static final int MIN_ECHO_LETTERS = 3;

  /** A repeat this long with two content words is a clause emitted twice, whatever its case. */
  static final int MIN_CLAUSE_WORDS = 4;

  /** Words people repeat on purpose: courtesy, answers, agreement. */
  private static final Set<String> DISCOURSE = WordList.load("/cleaning/discourse-words.txt");

  @Override
  public String name() {
    return "echo";
  }

  @Override
  public Kind kind() {
    return Kind.ARTIFACT;
  }

  @Override
  public String apply(String text, List<Correction> out) {
    String t = GluedEchoes.remove(text, out);
    t = removeBoundaryEchoes(t, out);
    return removeRepeatedPhrases(t, out);
  }

  // --- after a sentence end: compared by words, and the first word by characters ---

  private static String removeBoundaryEchoes(String text, List<Correction> out) {
    List<Tokens.Token> tokens = Tokens.split(text);
    boolean changed = false;
    for (int b = 0; b + 1 < tokens.size(); b++) {
      Tokens.Token last = tokens.get(b);
      if (last.core().isEmpty() || !last.endsSentence() || !tokens.get(b + 1).lead().isEmpty()) {
        continue;
      }
      int k = echoedWords(tokens, b);
      if (k == 0 && isTailFragment(tokens, b)) {
        k = 1;
      }
      if (k > 0) {
        List<Tokens.Token> echo = tokens.subList(b + 1, b + 1 + k);
        out.add(new Correction(Tokens.join(echo), "", Confidence.HIGH, Reason.ECHO));
        String echoTrail = echo.get(k - 1).trail();
        echo.clear();
        if (SentenceGoesOn.after(tokens, b, echoTrail)) {
          tokens.set(b, last.withTrail(echoTrail)); // "sites. sites now" is "sites now"
        }
        changed = true;
        b--; // the next words may echo again ("years. years. years.")
      }
    }
    return changed ? Tokens.join(tokens) : text;
  }

  /**
   * How many words after the sentence end at token {@code b} repeat the words ending there; 0 if
   * none.
   */
  private static int echoedWords(List<Tokens.Token> tokens, int b) {
    int maxK = Math.min(MAX_ECHO_WORDS, Math.min(b + 1, tokens.size() - b - 1));
    for (int k = maxK; k >= 1; k--) {
      if (isEcho(tokens, b, k)) {
        return k;
      }
    }
    return 0;
  }

  private static boolean isEcho(List<Tokens.Token> tokens, int b, int k) {
    boolean allDiscourse = true;
    for (int j = 0; j < k; j++) {
      Tokens.Token x = tokens.get(b - k + 1 + j);
      Tokens.Token y = tokens.get(b + 1 + j);
      if (x.core().isEmpty()
          || x.hasDigit()
          || !x.core().equalsIgnoreCase(y.core())
          || !y.lead().isEmpty()) {
        return false;
      }
      // inside each copy no punctuation: the first copy ends at the boundary, the echo ends
      // anywhere
      if (j < k - 1 && (!x.trail().isEmpty() || !y.trail().isEmpty())) {
        return false;
      }
      if (j == 0 && j < k - 1 && !x.lead().isEmpty()) {
        return false;
      }
      allDiscourse &= DISCOURSE.contains(x.lower());
    }
    Tokens.Token firstEcho = tokens.get(b + 1);
    Tokens.Token lastEcho = tokens.get(b + k);
    boolean endsTurnOrSentence = b + k + 1 == tokens.size() || lastEcho.endsSentence();
    if (allDiscourse
        || letters(echoText(tokens, b, k)) < MIN_ECHO_LETTERS
            && !(endsTurnOrSentence && shortWordEchoed(tokens, b, k))) {
      return false;
    }
    if (endsTurnOrSentence) {
      return true; // the whole sentence after the boundary is the repeat
    }
    if (k >= MIN_CLAUSE_WORDS && contentWords(tokens, b + 1, k) >= 2) {
      return true; // a clause said again and carried on: the STT re-decoded it
    }
    if (!Character.isLowerCase(firstEcho.core().charAt(0))
        || !lastEcho.trail().isEmpty() && !lastEcho.endsSentence()) {
      return false; // a capitalised repeat that goes on is a new sentence; a comma after it, a list
    }
    if (k >= 2) {
      return true;
    }
    // one lower-case word that goes on: only a content word ("sites. sites now", not "right. right
    // now")
    EnglishDictionary dict = EnglishDictionary.get();
    String w = firstEcho.lower();
    return !CommonWords.isStopword(w)
        && !dict.can(
            w,
            EnglishDictionary.ADVERB
                | EnglishDictionary.PREPOSITION
                | EnglishDictionary.DETERMINER
                | EnglishDictionary.PRONOUN
                | EnglishDictionary.CONJUNCTION
                | EnglishDictionary.MODAL
                | EnglishDictionary.PARTICLE);
  }

  /**
   * "for the evening do. do.": a two-letter word that ends a sentence of several words, said again
   * in lower case as a sentence of its own. A word said on its own and again ("Go. Go.", "me. me.")
   * is kept: its sentence is that word alone.
   */
  private static boolean shortWordEchoed(List<Tokens.Token> tokens, int b, int k) {
    Tokens.Token first = tokens.get(b);
    Tokens.Token echo = tokens.get(b + 1);
    return k == 1
        && b > 0
        && !tokens.get(b - 1).endsSentence()
        && first.trail().equals(".")
        && first.core().length() >= 2
        && Character.isLowerCase(echo.core().charAt(0));
  }

  private static String echoText(List<Tokens.Token> tokens, int b, int k) {
    StringBuilder sb = new StringBuilder();
    for (int j = 1; j <= k; j++) {
      sb.append(tokens.get(b + j).core());
    }
    return sb.toString();
  }

  /**
   * "too expensive. pensive": the word after the sentence end is the tail of the word before it. A
   * fragment that is itself a word ("pensive") counts only where it ends the turn or sentence.
   */
  private static boolean isTailFragment(List<Tokens.Token> tokens, int b) {
    Tokens.Token last = tokens.get(b);
    Tokens.Token next = tokens.get(b + 1);
    String whole = last.lower();
    String frag = next.lower();
    if (frag.length() < MIN_ECHO_LETTERS
        || frag.length() >= whole.length()
        || !whole.endsWith(frag)
        || !Character.isLowerCase(next.core().charAt(0))
        || next.hasDigit()) {
      return false;
    }
    boolean endsHere = b + 2 == tokens.size() || next.endsSentence();
    return endsHere || !EnglishDictionary.get().isWord(frag);
  }

  static int letters(String s) {
    return (int) s.chars().filter(Character::isLetter).count();
  }

  // --- a phrase repeated with nothing between: compared by words ---

  private static String removeRepeatedPhrases(String text, List<Correction> out) {
    List<Tokens.Token> tokens = Tokens.split(text);
    boolean changed = false;
    for (int i = 0; i < tokens.size(); i++) {
      for (int len = Math.min(MAX_REPEAT_WORDS, (tokens.size() - i) / 2); len >= 2; len--) {
        if (isRepeat(tokens, i, len) && !(len == 2 && saysItTwice(tokens, i))) {
          List<Tokens.Token> second = tokens.subList(i + len, i + 2 * len);
          out.add(new Correction(Tokens.join(second), "", Confidence.HIGH, Reason.ECHO));
          Tokens.Token firstLast = tokens.get(i + len - 1);
          String secondTrail = second.get(len - 1).trail();
          if (!secondTrail.isEmpty()) {
            tokens.set(i + len - 1, firstLast.withTrail(secondTrail));
          }
          second.clear();
          changed = true;
          len = Math.min(MAX_REPEAT_WORDS, (tokens.size() - i) / 2) + 1; // look for a third copy
        }
      }
    }
    return changed ? Tokens.join(tokens) : text;
  }

  private static boolean isRepeat(List<Tokens.Token> tokens, int i, int len) {
    for (int k = 0; k < len; k++) {
      Tokens.Token a = tokens.get(i + k);
      Tokens.Token b = tokens.get(i + len + k);
      if (a.core().isEmpty() || !a.core().equalsIgnoreCase(b.core()) || a.hasDigit()) {
        return false;
      }
      if (!b.lead().isEmpty() || (k > 0 && !a.lead().isEmpty())) {
        return false;
      }
      // a clause repeated after a comma is emitted twice; a short one is said twice ("I know, I
      // know"); its words are only weighed for a repeat that got this far (most spans differ)
      boolean comma =
          k == len - 1
              && a.trail().equals(",")
              && len >= MIN_CLAUSE_WORDS
              && contentWords(tokens, i, len) >= 2;
      if (!a.trail().isEmpty() && !comma || (k < len - 1 && !b.trail().isEmpty())) {
        return false;
      }
    }
    return true;
  }

  /**
   * How likely, log10, the language model finds a two-word phrase's first word again after it: at
   * or above this, "A B A" is a set phrase and "A B A B" says it on purpose ("door to door to",
   * "step by step by", "as big as big business", "a spade a spade"); a restart ("going to going
   * to", "I think I think", "in the in the") is far below.
   */
  static final double SET_PHRASE_LOG10 = -1.0;

  /**
   * "A B A B" at token i where "A B A" is a set phrase: the words are meant twice; or where A is a
   * conjunction and "B A B" is one, a word joined to itself that a word before it happens to match
   * ("and more and more people", "but over and over"); never a determiner or pronoun as B ("and the
   * and the").
   */
  private static boolean saysItTwice(List<Tokens.Token> tokens, int i) {
    LanguageModel lm = LanguageModel.get();
    EnglishDictionary dict = EnglishDictionary.get();
    String wa = tokens.get(i).lower();
    String wb = tokens.get(i + 1).lower();
    int a = lm.id(wa);
    int b = lm.id(wb);
    return a >= 0
        && b >= 0
        && (lm.prob(a, b, a) >= SET_PHRASE_LOG10
            || dict.can(wa, EnglishDictionary.CONJUNCTION)
                && !dict.can(wb, EnglishDictionary.DETERMINER | EnglishDictionary.PRONOUN)
                && lm.prob(b, a, b) >= SET_PHRASE_LOG10);
  }

  /** Words of the span that are neither function words nor courtesy and answer words. */
  private static int contentWords(List<Tokens.Token> tokens, int from, int len) {
    int n = 0;
    for (int j = from; j < from + len; j++) {
      String w = tokens.get(j).lower();
      if (!CommonWords.isStopword(w) && !DISCOURSE.contains(w)) {
        n++;
      }
    }
    return n;
  }
}
