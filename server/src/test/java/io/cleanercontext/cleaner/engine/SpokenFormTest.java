package io.cleanercontext.cleaner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Number words, as the spoken-name and road-name stages read them. */
class SpokenFormTest {

  @Test
  void unitsTeensTensAndHundredAreNumberWords() {
    for (String w :
        new String[] {"zero", "nine", "ten", "nineteen", "twenty", "ninety", "hundred"}) {
      assertThat(SpokenForm.isNumberWord(w)).as(w).isTrue();
    }
    for (String w : new String[] {"", "thousand", "Twenty", "first", "tenth", "a"}) {
      assertThat(SpokenForm.isNumberWord(w)).as(w).isFalse();
    }
  }
}
