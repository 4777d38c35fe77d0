package io.cleanercontext.cleaner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Number words read as digits, from {@code cleaning/number-words.txt}. */
class SpokenFormTest {

  private static String digits(String words) {
    List<Tokens.Token> tokens = Tokens.split(words);
    return SpokenForm.digits(tokens, 0, tokens.size());
  }

  @Test
  void numberWordsAreReadAsCardinalsWrittenOneAfterAnother() {
    assertThat(digits("thirty five")).isEqualTo("35");
    assertThat(digits("twenty eighteen")).isEqualTo("2018");
    assertThat(digits("one four")).isEqualTo("14");
    assertThat(digits("one hundred")).isEqualTo("100");
    assertThat(digits("nine hundred ninety nine")).isEqualTo("999");
    assertThat(digits("two hundred twelve")).isEqualTo("212");
    assertThat(digits("hundred")).isEqualTo("100");
    assertThat(digits("forty zero")).isEqualTo("400");
  }

  @Test
  void ohIsAZeroOnlyBetweenNumberWords() {
    assertThat(SpokenForm.isNumberWord("seventeen")).isTrue();
    assertThat(SpokenForm.isNumberWord("oh")).isFalse();
    assertThat(SpokenForm.isSpokenZero("oh")).isTrue();
    assertThat(SpokenForm.isSpokenZero("zero")).isFalse();
    assertThat(SpokenForm.of(Tokens.split("s fourteen"), 0, 2).key()).isEqualTo("s14");
  }
}
