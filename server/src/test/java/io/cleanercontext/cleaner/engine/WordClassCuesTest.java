package io.cleanercontext.cleaner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Part-of-speech cues: where the neighbours leave the heard word no reading, a word of the same
 * sound that has one is called for; where the heard word fits, nothing is.
 */
class WordClassCuesTest {

  /** Whether, at the word {@code heard} of {@code text}, a cue calls for {@code candidate}. */
  private static boolean calls(String text, String heard, String candidate, double distance) {
    List<Tokens.Token> tokens = Tokens.split(text);
    int i = TokenAt.index(tokens, heard);
    return WordClassCues.calls(
        WordClassCues.wanted(tokens, i),
        new WordCandidates.Candidate(candidate, "sound", 0, distance, true));
  }

  @ParameterizedTest
  @CsvSource({
    "the signal is really week out here, week, weak",
    "the cable is lose at the back, lose, loose",
    "the handle was a bit lose, lose, loose",
    "we're hear all day, hear, here",
    "we new it was coming, new, knew",
    "I red the email twice, red, read",
    "we want to by two vans, by, buy",
    "they have to no the address, no, know",
    "the write price, write, right",
  })
  void callsForTheSameSoundThatFitsTheGrammar(String text, String heard, String candidate) {
    assertThat(calls(text, heard, candidate, 0)).isTrue();
    // a word of another sound is no homophone: the cue is not for it
    assertThat(calls(text, heard, candidate, 0.5)).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "the signal is really weak, weak, week",
    "it's been a really long week, week, weak",
    "I really need a break, need, knead",
    "it's a bit part, part, parte",
    "the cable is loose at the back, loose, lose",
    "we're here all day, here, hear",
    "we knew it was coming, knew, new",
    "is she new to the team, new, knew",
    "am I new to this, new, knew",
    "we by and large agree, by, buy",
    "we want to buy two vans, buy, by",
    "they have to know the address, know, no",
    "it was made last year, made, maid",
    "we in the trade call it that, in, inn",
    "the right price, right, write",
    "the paid version, paid, pade",
  })
  void callsForNothingWhereTheHeardWordFits(String text, String heard, String candidate) {
    assertThat(calls(text, heard, candidate, 0)).isFalse();
  }
}
