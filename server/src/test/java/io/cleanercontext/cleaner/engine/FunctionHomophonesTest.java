package io.cleanercontext.cleaner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Function words and the content words that sound like them: where the heard word reads as it
 * stands the model's gain alone never changes it; a grammar cue or a pattern still may. Invented
 * call sentences, errors and correct controls for each pair, through the engine at FULL.
 */
class FunctionHomophonesTest {

  /** Whether, at the word {@code heard} of {@code text}, a guard holds {@code candidate} back. */
  private static boolean holdsBack(String text, String heard, String candidate, String source) {
    List<Tokens.Token> tokens = Tokens.split(text);
    int i = 0;
    while (!tokens.get(i).lower().equals(heard)) {
      i++;
    }
    return FunctionHomophones.holdsBack(
        tokens, i, new WordCandidates.Candidate(candidate, source, 0, 0, true), 4.0, false);
  }

  @ParameterizedTest
  @CsvSource({
    "What do you have for kids in the summer?, for, four",
    "Anything you offer for families?, for, four",
    "Is that for the team?, for, four",
    "That one's for me., for, four",
    "We pay four staff., four, for",
    "Four builders came., four, for",
    "It's harder to tone it down., to, two",
    "Change a to i., to, two",
    "We sent it to the office., to, two",
    "Only one is worth it not two., two, to",
    "The first two go., two, to",
    "Two of them are broken., two, to",
    "He is looked up to by friends., by, buy",
    "We by and large agree., by, buy",
    "John and I by the business., by, buy",
    "Pay it by Friday., by, buy",
    "I'm new to the area., new, knew",
    "It's brand new., new, knew",
    "Is she new?, new, knew",
    "The harder they are to distinct., to, two",
  })
  void holdsBackTheContentWordWhereTheFunctionWordReadsAsItStands(
      String text, String heard, String candidate) {
    assertThat(holdsBack(text, heard, candidate, "sound")).isTrue();
    // a pattern calling for the candidate lifts the guard: the pattern is the grammar cue
    assertThat(holdsBack(text, heard, candidate, WordCandidates.PATTERN)).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "I have to kids at home., to, two",
    "It takes about to weeks., to, two",
    "I want two book a table., two, to",
    "We're going two the site., two, to",
    "Thanks four calling., four, for",
    "I'm looking four a supplier., four, for",
    "We want to by a new van., by, buy",
    "We'll by a new one., by, buy",
    "There are for of us., for, four",
    "The last for years were busy., for, four",
    "He new the owner., new, knew",
    "We sent it to the office., to, too",
  })
  void leavesTheModelToDecideWhereTheFunctionWordCannotStand(
      String text, String heard, String candidate) {
    assertThat(holdsBack(text, heard, candidate, "sound")).isFalse();
  }

  @Test
  void aGrammarCueLiftsTheGuard() {
    List<Tokens.Token> tokens = Tokens.split("We have for kids.");
    WordCandidates.Candidate four = new WordCandidates.Candidate("four", "sound", 0, 0, true);
    assertThat(FunctionHomophones.holdsBack(tokens, 2, four, 4.0, false)).isTrue();
    assertThat(FunctionHomophones.holdsBack(tokens, 2, four, 4.0, true)).isFalse();
  }
}
