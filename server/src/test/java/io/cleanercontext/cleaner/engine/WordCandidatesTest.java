package io.cleanercontext.cleaner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The candidate sources of single words: sound, confusion sets, confusion patterns, non-words. */
class WordCandidatesTest {

  private final WordCandidates candidates =
      new WordCandidates(LanguageModel.get(), Pronunciations.get(), ConfusionSets.get());

  private static List<String> words(List<WordCandidates.Candidate> found) {
    return found.stream().map(WordCandidates.Candidate::word).toList();
  }

  @Test
  void aNonWordHasTheEverydayWordsNearItInSpellingAndSound() {
    List<WordCandidates.Candidate> found = candidates.ofNonWord("pade");
    assertThat(words(found)).contains("paid");
    WordCandidates.Candidate paid =
        found.stream().filter(c -> c.word().equals("paid")).findFirst().orElseThrow();
    assertThat(paid.source()).isEqualTo(WordCandidates.SPELLING);
    assertThat(paid.distance()).isLessThanOrEqualTo(0.6);
    assertThat(words(candidates.ofNonWord("recieve"))).contains("receive");
  }

  @Test
  void aWordOrANameIsNoNonWord() {
    // everyday words have their sound and confusion candidates, never spelling ones
    assertThat(candidates.ofNonWord("paid")).isEmpty();
    assertThat(candidates.ofNonWord("weight")).isEmpty();
    // names the dictionary spells (any case) are not misspellings
    assertThat(candidates.ofNonWord("sunderland")).isEmpty();
    assertThat(candidates.ofNonWord("shopify")).isEmpty();
    // nothing near in both spelling and sound; short tokens; not letters
    assertThat(candidates.ofNonWord("skellan")).isEmpty();
    assertThat(candidates.ofNonWord("xq")).isEmpty();
    assertThat(candidates.ofNonWord("s14")).isEmpty();
  }

  @Test
  void aWordIsNeverItsOwnSpellingInTheOtherVariety() {
    assertThat(WordCandidates.otherVariety("favourite", "favorite")).isTrue();
    assertThat(WordCandidates.otherVariety("color", "colour")).isTrue();
    assertThat(words(candidates.of("favourite"))).doesNotContain("favorite");
    assertThat(words(candidates.of("colour"))).doesNotContain("color");
    // homophones that are different words stay candidates
    assertThat(WordCandidates.otherVariety("sail", "sale")).isFalse();
    assertThat(WordCandidates.otherVariety("whole", "hole")).isFalse();
    assertThat(words(candidates.of("sail"))).contains("sale");
  }

  @Test
  void aConfusionPatternAddsItsWordAsAPatternCandidate() {
    List<WordCandidates.Candidate> found = candidates.of("of", "have");
    assertThat(found)
        .filteredOn(c -> c.word().equals("have"))
        .extracting(WordCandidates.Candidate::source)
        .containsExactly(WordCandidates.PATTERN);
    assertThat(candidates.of("of", null))
        .extracting(WordCandidates.Candidate::word)
        .doesNotContain("have");
    // the pattern's word replaces the same word from another source: one candidate, the cue's
    assertThat(candidates.of("to", "too"))
        .filteredOn(c -> c.word().equals("too"))
        .extracting(WordCandidates.Candidate::source)
        .containsExactly(WordCandidates.PATTERN);
  }

  @Test
  void aContractionTheRecogniserWroteKeepsItsApostrophe() {
    // sound alone never undoes the apostrophe: "we're" is not "were", "we'll" not "will"
    for (String contraction : List.of("we're", "they're", "you're", "it's", "we'll", "who's")) {
      assertThat(candidates.of(contraction))
          .as(contraction)
          .allSatisfy(c -> assertThat(c.word()).contains("'"));
    }
    // the other direction stays open: a plain word may have been a contraction
    assertThat(words(candidates.of("their"))).contains("they're");
    assertThat(words(candidates.of("its"))).contains("it's");
    assertThat(words(candidates.of("were"))).contains("we're");
    // a confusion pattern that calls for the plain word still proposes it
    assertThat(words(candidates.of("it's", "its"))).containsExactly("its");
  }
}
