package io.cleanercontext.cleaner.engine;

import io.cleanercontext.contract.Speaker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Learns vocabulary from an AI turn, whose text is perfect: capitalised names and titles ("Quick
 * Fit Windows", "Director of Marketing", "Response-iQ"), acronyms ("PPC") and every lexicon term it
 * uses. User turns teach nothing: their spelling is what is being cleaned.
 */
final class VocabularyExtractor {

  /** "of", "&": words inside a name ("Director of Marketing"); never "and" (see the file). */
  private static final Set<String> CONNECTORS = WordList.load("/cleaning/name-connectors.txt");

  /** "I" and its contractions: capitalised, never a name. */
  private static final Set<String> PRONOUNS = WordList.load("/cleaning/first-person.txt");

  private VocabularyExtractor() {}

  static List<Term> extract(ContextTurn turn, Lexicon lexicon) {
    return turn.speaker() != Speaker.AI
        ? List.of()
        : extract(Tokens.split(turn.cleanedText()), lexicon);
  }

  /** The terms of an AI turn's text already split ({@link Tokens#split}). */
  static List<Term> extract(List<Tokens.Token> tokens, Lexicon lexicon) {
    Map<String, Term> found = new LinkedHashMap<>();
    collectEntities(tokens, found);
    collectLexiconTerms(tokens, lexicon.index(), found);
    return List.copyOf(found.values());
  }

  private static void collectEntities(List<Tokens.Token> tokens, Map<String, Term> found) {
    List<String> run = new ArrayList<>();
    boolean runAtSentenceStart = false;
    boolean sentenceStart = true;
    for (int i = 0; i < tokens.size(); i++) {
      Tokens.Token t = tokens.get(i);
      String core = stripPossessive(t.core());
      boolean capital = !core.isEmpty() && hasCapital(core);
      String word = core.isEmpty() && t.lead().equals("&") ? "&" : core; // "Smith & Sons"
      boolean connector =
          !run.isEmpty()
              && CONNECTORS.contains(word.toLowerCase(Locale.ROOT))
              && (t.trail().isEmpty() || word.equals("&"))
              && i + 1 < tokens.size()
              && tokens.get(i + 1).lead().isEmpty()
              && hasCapital(tokens.get(i + 1).core());
      if (capital && (run.isEmpty() || t.lead().isEmpty())) {
        if (run.isEmpty()) {
          runAtSentenceStart = sentenceStart;
        }
        run.add(core);
        if (!t.trail().isEmpty()) {
          flush(run, runAtSentenceStart, found);
        }
      } else if (connector) {
        run.add(word);
      } else {
        flush(run, runAtSentenceStart, found);
        if (capital) {
          runAtSentenceStart = sentenceStart;
          run.add(core);
          if (!t.trail().isEmpty()) {
            flush(run, runAtSentenceStart, found);
          }
        }
      }
      sentenceStart =
          t.core().isEmpty() ? sentenceStart : t.endsSentence() || t.trail().contains(":");
    }
    flush(run, runAtSentenceStart, found);
  }

  private static void flush(List<String> run, boolean atSentenceStart, Map<String, Term> found) {
    if (run.isEmpty()) {
      return;
    }
    List<String> words = new ArrayList<>(run);
    run.clear();
    // a sentence's first word is capitalised by grammar, not because it is a name
    if (atSentenceStart && (CommonWords.isCommon(words.get(0)) || isPronoun(words.get(0)))) {
      words.remove(0);
    } else if (atSentenceStart && words.size() == 1 && !looksLikeBrand(words.get(0))) {
      return;
    }
    while (!words.isEmpty()
        && CONNECTORS.contains(words.get(words.size() - 1).toLowerCase(Locale.ROOT))) {
      words.remove(words.size() - 1);
    }
    while (!words.isEmpty() && CONNECTORS.contains(words.get(0).toLowerCase(Locale.ROOT))) {
      words.remove(0);
    }
    if (words.isEmpty() || (words.size() == 1 && isPronoun(words.get(0)))) {
      return;
    }
    String surface = String.join(" ", words);
    found.computeIfAbsent(surface.toLowerCase(Locale.ROOT), k -> Term.said(surface));
    addNameParts(words, found);
  }

  /**
   * The parts of a longer name that are names themselves: "Kingsmead Dental" teaches "Kingsmead",
   * "Hartley Rowe Solicitors" teaches "Hartley Rowe", "Hartley" and "Rowe" — a caller shortens a
   * name the AI said in full. A part must start and end on a word that is not an everyday
   * lower-case word ("Dental", "Solicitors" and "of" never stand alone).
   */
  private static void addNameParts(List<String> words, Map<String, Term> found) {
    if (words.size() < 2 || words.size() > 6) {
      return;
    }
    EnglishDictionary dict = EnglishDictionary.get();
    boolean[] nameWord = new boolean[words.size()];
    for (int i = 0; i < nameWord.length; i++) {
      String w = words.get(i);
      nameWord[i] = w.length() >= 3 && !dict.isLowerCaseWord(w.toLowerCase(Locale.ROOT));
    }
    for (int from = 0; from < words.size(); from++) {
      for (int to = from; to < words.size(); to++) {
        if ((from == 0 && to == words.size() - 1) || !nameWord[from] || !nameWord[to]) {
          continue;
        }
        String part = String.join(" ", words.subList(from, to + 1));
        found.computeIfAbsent(part.toLowerCase(Locale.ROOT), k -> Term.said(part));
      }
    }
  }

  private static void collectLexiconTerms(
      List<Tokens.Token> tokens, TermIndex lexicon, Map<String, Term> found) {
    if (lexicon.isEmpty()) {
      return;
    }
    int max = lexicon.maxWords();
    String[] words =
        new String[tokens.size()]; // each word is read by up to max phrases: lower-case it once
    for (int i = 0; i < words.length; i++) {
      words[i] = stripPossessive(tokens.get(i).lower());
    }
    StringBuilder phrase = new StringBuilder();
    for (int i = 0; i < tokens.size(); i++) {
      phrase.setLength(0);
      for (int n = 0; n < max && i + n < tokens.size(); n++) {
        Tokens.Token t = tokens.get(i + n);
        if (t.core().isEmpty() || (n > 0 && !t.lead().isEmpty())) {
          break;
        }
        if (n > 0) {
          phrase.append(' ');
        }
        phrase.append(words[i + n]);
        String key = n == 0 ? words[i] : phrase.toString();
        if (!lexicon.isPhrasePrefix(key)) {
          break; // no term starts like this: longer phrases cannot match either
        }
        Term term = lexicon.byPhrase(key);
        if (term != null) {
          found.putIfAbsent(term.phrase, term.asContextual());
        }
        if (!t.trail().isEmpty()) {
          break;
        }
      }
    }
  }

  private static String stripPossessive(String core) {
    if (core.endsWith("'s") || core.endsWith("\u2019s")) {
      return core.substring(0, core.length() - 2);
    }
    return core;
  }

  private static boolean hasCapital(String core) {
    for (int i = 0; i < core.length(); i++) {
      if (Character.isUpperCase(core.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isPronoun(String w) {
    return PRONOUNS.contains(w.toLowerCase(Locale.ROOT).replace('\u2019', '\''));
  }

  /** PPC, HubSpot, Response-iQ: spelled so that no sentence start explains the capitals. */
  private static boolean looksLikeBrand(String w) {
    for (int i = 1; i < w.length(); i++) {
      if (Character.isUpperCase(w.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}
