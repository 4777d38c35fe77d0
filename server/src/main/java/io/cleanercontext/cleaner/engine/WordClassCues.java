package io.cleanercontext.cleaner.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Part-of-speech evidence for words that sound alike: where the neighbours leave no reading of the
 * heard word possible and a word of the same sound has one ("the signal is really week": after a
 * degree adverb no noun stands, so weak; "the cable is lose": after "is" no bare verb, so loose).
 * The rules are data ({@code cleaning/word-class-cues.txt}, in {@link ConfusionPatterns}' pattern
 * syntax), the parts of speech LanguageTool's English dictionary's ({@link EnglishDictionary}). A
 * rule decides nothing: it is the cue of a candidate the stage already weighs, and only of a
 * homophone (the same phonemes) or a word of the heard word's confusion set.
 */
final class WordClassCues {

  static final String RESOURCE = "/cleaning/word-class-cues.txt";

  private static final List<Cue> CUES = load(RESOURCE);

  /** A rule: what the candidate must be, what the heard word must be, and where. */
  private record Cue(
      ConfusionPatterns.Condition candidate,
      ConfusionPatterns.Condition heard,
      ConfusionPatterns.Rule where) {}

  private WordClassCues() {}

  /**
   * The conditions on a candidate for the heard word at {@code i} of the rules whose pattern and
   * heard-word condition hold there: empty where the neighbours allow the heard word.
   */
  static List<ConfusionPatterns.Condition> wanted(List<Tokens.Token> tokens, int i) {
    List<ConfusionPatterns.Condition> out = List.of();
    for (Cue c : CUES) {
      if (c.heard().matches(tokens.get(i)) && ConfusionPatterns.matches(c.where(), tokens, i)) {
        out = out.isEmpty() ? new ArrayList<>(2) : out;
        out.add(c.candidate());
      }
    }
    return out;
  }

  /**
   * Whether the neighbours call for the candidate: a rule holds ({@link #wanted}), the candidate
   * sounds the same as the heard word (or shares its confusion set) and is what the rule wants.
   */
  static boolean calls(List<ConfusionPatterns.Condition> wanted, WordCandidates.Candidate c) {
    if (wanted.isEmpty()
        || !c.plain()
        || !(c.distance() == 0 || c.source().equals(WordCandidates.CONFUSION_SET))) {
      return false;
    }
    Tokens.Token word = new Tokens.Token("", c.word(), "");
    for (ConfusionPatterns.Condition w : wanted) {
      if (w.matches(word)) {
        return true;
      }
    }
    return false;
  }

  private static List<Cue> load(String resource) {
    try (InputStream in = WordClassCues.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the class path");
      }
      List<Cue> cues = new ArrayList<>();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      int number = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        number++;
        String s = line.strip();
        if (s.isEmpty() || s.startsWith("#")) {
          continue;
        }
        String where = resource + ":" + number;
        String[] parts = s.split("\\s+:\\s+", 3);
        if (parts.length != 3) {
          throw new IllegalArgumentException(where + ": expected 'CANDIDATE : HEARD : PATTERN'");
        }
        cues.add(
            new Cue(
                ConfusionPatterns.condition(parts[0], where),
                ConfusionPatterns.condition(parts[1], where),
                ConfusionPatterns.parse("_ -> _ : " + parts[2], where)));
      }
      return List.copyOf(cues);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
