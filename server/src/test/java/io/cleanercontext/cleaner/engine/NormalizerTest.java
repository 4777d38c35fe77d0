package io.cleanercontext.cleaner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Tidying user text after removals: space before marks, repeated commas, leading marks. */
class NormalizerTest {

  @Test
  void tidiesSpaceAndStrayMarksAndLeavesCleanTextAlone() {
    assertThat(Normalizer.tidy(", hello , world .")).isEqualTo("hello, world.");
    assertThat(Normalizer.tidy(":; so what ?")).isEqualTo("so what?");
    assertThat(Normalizer.tidy("ok , , then .")).isEqualTo("ok, then.");
    assertThat(Normalizer.tidy(" ; x")).isEqualTo("x");
    assertThat(Normalizer.tidy("end :")).isEqualTo("end:");
    assertThat(Normalizer.tidy("x \u2026")).isEqualTo("x ...");
    // a mark glued to the next word is no stray mark: left as written
    assertThat(Normalizer.tidy("a ,b")).isEqualTo("a ,b");
    assertThat(Normalizer.tidy("wait ... what")).isEqualTo("wait ... what");
    String clean = "hello world, all fine.";
    assertThat(Normalizer.tidy(clean)).isSameAs(clean);
  }

  @Test
  void aCommaBeforeAnotherMarkGoesWhateverSpaceLiesBetween() {
    assertThat(Normalizer.tidy("yes,, fine")).isEqualTo("yes, fine");
    assertThat(Normalizer.tidy("yes,\t, fine,.")).isEqualTo("yes, fine.");
    assertThat(Normalizer.tidy("so, right,?")).isEqualTo("so, right?");
    String commas = "one, two, three, four.";
    assertThat(Normalizer.tidy(commas)).isSameAs(commas);
  }
}
