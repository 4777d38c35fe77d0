package io.cleanercontext.cleaner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EdgeFragmentStageTest {

  private final EdgeFragmentStage stage = new EdgeFragmentStage();

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "s. We use Jobber for everything|We use Jobber for everything",
        "th we're on the waiting list|we're on the waiting list",
        "we're on the waiting list th|we're on the waiting list",
        "we moved last year. k|we moved last year.",
        // a cut-off letter before the pronoun, not a spelling
        "t I think we're fine|I think we're fine",
        // the end of the next word, cut off and then said whole
        "sday, Wednesday works for me|Wednesday works for me",
        "tember, September is our busy month|September is our busy month",
        "ternoon. Afternoon is better|Afternoon is better",
      })
  void removesCutOffFragmentsAtTheEdges(String raw, String expected) {
    List<Correction> out = new ArrayList<>();
    assertThat(stage.apply(raw, out)).isEqualTo(expected);
    assertThat(out).extracting(Correction::reason).containsOnly("edge_fragment");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "we went with plan b",
        "the pipe is 22 mm",
        "the contract runs 12 mo.",
        "I think so",
        "a lot of them",
        "um we use Jobber",
        "so we use it",
        "it's on the A1",
        "yes",
        // a letter that starts a spelling
        "t v ads and radio mostly",
        "v i p guests get the suite",
        "r and d tax credits",
        "g p referrals mostly",
        // a word that ends the next one is said on purpose; a name keeps its capital
        "day, Monday works",
        "so, also we use Jobber",
        "Ed, Ted said no",
        "sday Wednesday",
      })
  void keepsWordsNamesAndFillers(String raw) {
    assertThat(stage.apply(raw, new ArrayList<>())).isEqualTo(raw);
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {
        "i can imagine that, yes.",
        "i know, i know. everybody says that.",
        "especially anything that needs icu.",
        "we moved everything to the crm.",
      })
  void keepsTheLowerCasePronounAndFinishedThreeLetterWords(String text) {
    assertThat(new EdgeFragmentStage().apply(text, new java.util.ArrayList<>())).isEqualTo(text);
  }
}
