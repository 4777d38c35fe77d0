package io.cleanercontext.cleaner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Splitting into tokens: the same text split again gives the caller a list of its own. */
class TokensTest {

  @Test
  void aStageEditingItsTokensLeavesTheNextStagesSplitIntact() {
    String text = "well, (Reid) said hi.";
    List<Tokens.Token> first = Tokens.split(text);
    assertThat(first)
        .containsExactly(
            new Tokens.Token("", "well", ","),
            new Tokens.Token("(", "Reid", ")"),
            new Tokens.Token("", "said", ""),
            new Tokens.Token("", "hi", "."));
    first.subList(0, 2).clear();
    first.set(0, first.get(0).withCore("says"));
    List<Tokens.Token> again = Tokens.split(new String(text)); // an equal text, not the same
    assertThat(Tokens.join(again)).isEqualTo(text);
    Tokens.forget();
    assertThat(Tokens.join(Tokens.split(text))).isEqualTo(text);
    assertThat(Tokens.split("  ")).isEmpty();
  }

  @Test
  void aAndIAreTheWordsOfOneLetter() {
    assertThat(Tokens.isOneLetterWord("a")).isTrue();
    assertThat(Tokens.isOneLetterWord("i")).isTrue();
    assertThat(Tokens.isOneLetterWord("d")).isFalse();
    assertThat(Tokens.isOneLetterWord("I")).isFalse(); // lower case, as the callers pass it
  }
}
