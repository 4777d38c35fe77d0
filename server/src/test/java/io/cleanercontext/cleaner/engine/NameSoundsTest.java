package io.cleanercontext.cleaner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The name lists by sound: what a heard run finds, and what it never finds. */
class NameSoundsTest {

  private final Pronunciations dict = Pronunciations.get();

  private List<String> heardAs(String heard, int kinds) {
    return NameSounds.get().matches(TermSounds.pronounce(heard, dict), kinds).stream()
        .map(m -> m.name().spelling())
        .toList();
  }

  @Test
  void aRunOfEverydayWordsFindsTheNameItSoundsLike() {
    assertThat(heardAs("barns lee", KnownNames.PLACE)).contains("Barnsley");
    assertThat(heardAs("bur can head", KnownNames.PLACE)).contains("Birkenhead");
    assertThat(heardAs("new brown falls", KnownNames.PLACE)).contains("New Braunfels");
    // the coarse key groups vowels, voiced and voiceless twins, and leaves weak sounds out
    assertThat(NameSounds.key(TermSounds.pronounce("new brown falls", dict)))
        .isEqualTo(NameSounds.key(TermSounds.pronounce("New Braunfels", dict)));
  }

  @Test
  void onlyTheListsTheCueCallsForAndOnlyNamesHeardAlike() {
    // a place is not found where a brand is called for
    assertThat(heardAs("barns lee", KnownNames.BRAND_LIST)).doesNotContain("Barnsley");
    // v is not heard as j: simple-icons' EasyJet is no candidate for "easy vet"
    assertThat(heardAs("easy vet", KnownNames.BRAND_LIST)).doesNotContain("EasyJet");
    // a short name is never looked for: too many everyday runs sound like it
    assertThat(heardAs("bay th", KnownNames.PLACE)).doesNotContain("Bath");
  }
}
