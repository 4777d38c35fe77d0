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

  @Test
  void stripsVoiceTagsAsThePatternWould() {
    java.util.regex.Pattern tag = java.util.regex.Pattern.compile("##VT_[A-Za-z0-9_]*##");
    assertThat(Normalizer.stripVoiceTags("##VT_WARM## Hi ##VT_CURIOUS##")).isEqualTo("  Hi  ");
    String plain = "no tags here, ## nor #VT_ either";
    assertThat(Normalizer.stripVoiceTags(plain)).isSameAs(plain);
    String[] parts = {"##", "VT_", "#", "A", "z", "9", "_", " ", "-", "VT", "x"};
    java.util.Random random = new java.util.Random(11);
    for (int n = 0; n < 20_000; n++) {
      StringBuilder sb = new StringBuilder();
      for (int k = random.nextInt(12); k > 0; k--) {
        sb.append(parts[random.nextInt(parts.length)]);
      }
      String text = sb.toString();
      assertThat(Normalizer.stripVoiceTags(text))
          .as(text)
          .isEqualTo(tag.matcher(text).replaceAll(" "));
    }
  }
}
