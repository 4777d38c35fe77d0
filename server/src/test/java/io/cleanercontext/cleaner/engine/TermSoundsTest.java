package io.cleanercontext.cleaner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The heard words' phonemes, looked up when a run is first compared. */
class TermSoundsTest {

  private final Pronunciations dict = Pronunciations.get();
  private final TermSounds sounds = new TermSounds(dict);

  @Test
  void aRunSoundsLikeItsWordsOneAfterAnotherInAnyOrderOfAsking() {
    HeardWords heard = sounds.heard(Tokens.split("We fit car and dean floors, Karndean."));
    assertThat(heard.lower(6)).isEqualTo("karndean");
    assertThat(heard.run(2, 3)).isEqualTo(TermSounds.pronounce("car and dean", dict));
    assertThat(heard.run(3, 1)).isEqualTo(TermSounds.pronounce("and", dict));
    assertThat(heard.run(6, 1)).isEqualTo(LetterToSound.pronounce("karndean"));
    assertThat(heard.run(1, 4)).isEqualTo(TermSounds.pronounce("fit car and dean", dict));
  }

  @Test
  void aCallNameSoundingLikeARunIsFound() {
    Term karndean = new Term("Karndean", Term.Source.KEYTERM);
    HeardWords heard = sounds.heard(Tokens.split("we fit car and dean floors"));
    assertThat(sounds.matches(heard, 2, 3, sounds.said(java.util.List.of(karndean))))
        .extracting(TermSounds.Match::term)
        .containsExactly(karndean);
  }

  @Test
  void aRunNeitherStartsNorEndsOnAFunctionWordAndOneWordIsNoEverydayWord() {
    HeardWords heard = sounds.heard(Tokens.split("we fit car and dean on train tamsin"));
    assertThat(sounds.plausibleRun(heard, 2, 3)).isTrue(); // car and dean
    assertThat(sounds.plausibleRun(heard, 3, 2)).isFalse(); // and dean
    assertThat(sounds.plausibleRun(heard, 2, 4)).isFalse(); // car and dean on
    assertThat(sounds.plausibleRun(heard, 6, 1)).isFalse(); // train
    assertThat(sounds.plausibleRun(heard, 7, 1)).isTrue(); // tamsin
    assertThat(sounds.plausibleRun(heard, 6, 1)).isFalse(); // asked again: the same answer
    assertThat(heard.everyday(6)).isTrue();
    assertThat(heard.stopword(5)).isTrue();
  }

  @Test
  void aRunThatOnlyDropsOrInflectsTheTermsWordsIsNoCandidateOneOfOtherLettersIs() {
    HeardWords heard =
        sounds.heard(Tokens.split("we're on field pack and kingsmead dental call backs"));
    Term fieldPac = new Term("FieldPac", Term.Source.KEYTERM);
    // "pack" is not "Pac" with an ending: the run is another spelling heard alike
    assertThat(TermSounds.onlyDropsOrInflects(heard, 2, 2, "fieldpack", fieldPac)).isFalse();
    assertThat(sounds.matches(heard, 2, 2, sounds.said(java.util.List.of(fieldPac))))
        .extracting(TermSounds.Match::term)
        .containsExactly(fieldPac);
    // the term's own words with a word dropped or an ending added stay as heard
    Term kingsmead = new Term("Kingsmead", Term.Source.KEYTERM);
    assertThat(TermSounds.onlyDropsOrInflects(heard, 5, 2, "kingsmeaddental", kingsmead)).isTrue();
    Term callback = new Term("Callback", Term.Source.KEYTERM);
    assertThat(TermSounds.onlyDropsOrInflects(heard, 7, 2, "callbacks", callback)).isTrue();
    Term packs = new Term("Field Packers", Term.Source.KEYTERM);
    assertThat(TermSounds.onlyDropsOrInflects(heard, 2, 2, "fieldpack", packs)).isTrue();
    HeardWords more = sounds.heard(Tokens.split("each field packet from kings meadow"));
    assertThat(TermSounds.onlyDropsOrInflects(more, 1, 2, "fieldpacket", fieldPac)).isTrue();
    assertThat(TermSounds.onlyDropsOrInflects(more, 4, 2, "kingsmeadow", kingsmead)).isTrue();
    Term fieldPackAlone = new Term("FieldPack Pro", Term.Source.KEYTERM);
    assertThat(TermSounds.onlyDropsOrInflects(heard, 2, 2, "fieldpack", fieldPackAlone)).isTrue();
  }
}
