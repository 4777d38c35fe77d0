package io.cleanercontext.cleaner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RoadNameStageTest {

  private final RoadNameStage stage = new RoadNameStage();
  private final List<Correction> corrections = new ArrayList<>();

  private String clean(String text) {
    return stage.apply(text, new StageInput(null, Lexicon.empty()), corrections);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // UK: a road letter after "the", with a road's evidence around it
        "Bristol and Bath mostly, down the m five to Weston.|Bristol and Bath mostly, down the M5"
            + " to Weston.",
        "we get some from Harrogate up the a sixty one.|we get some from Harrogate up the A61.",
        "we're just off the a one|we're just off the A1",
        "it's the m six toll that costs|it's the M6 toll that costs",
        "they sit on the m twenty five every morning|they sit on the M25 every morning",
        "the b twelve thirty road is shut|the B1230 road is shut",
        // US: a road word, or I, US, SR after "the" or a cue
        "we drove route sixty six last year|we drove Route 66 last year",
        "Take highway one oh one north.|Take Highway 101 north.",
        "anywhere along interstate ten|anywhere along Interstate 10",
        "we cover everything off I ninety five|we cover everything off I-95",
        "mostly on i ninety five and the I ten|mostly on I-95 and the I-10",
        "we take u s one down to Miami|we take US 1 down to Miami",
        "Route nine, then the four oh five.|Route 9, then the four oh five.",
        // "of the" after a road noun; a junction's number beside a named road
        "we sit at junction ten of the m six most mornings|we sit at junction 10 of the M6 most"
            + " mornings",
        "take exit ten off the i ninety five|take exit 10 off the I-95",
        "north of the a one road there's a depot|north of the A1 road there's a depot",
        // a road word after "the" that a cue comes before
        "we're just on the highway one oh one near the exit|we're just on the Highway 101 near the"
            + " exit",
        "take the interstate ten to Phoenix|take the Interstate 10 to Phoenix",
        // no count after a motorway letter or a number said digit by digit
        "we're just off the m five today|we're just off the M5 today",
        "we're on highway one oh one today|we're on Highway 101 today",
      })
  void writesRoadsAsTheirSignsDo(String said, String expected) {
    assertThat(clean(said)).isEqualTo(expected);
    assertThat(corrections).extracting(Correction::reason).containsOnly("road_name");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // the article, and numbers that count the noun after them
        "it went up a sixty percent",
        "it went up the, a sixty percent",
        "we are on the a two hour drive",
        "prices are up the a sixty percent",
        "prices are up the a sixty per cent",
        "we got a hundred calls",
        // a letter after "the" without a road's evidence around it
        "it's the a one thing we do",
        "she got the a one result",
        "we do the m five checks",
        // "route" as a noun or a verb
        "we route five calls a day to him",
        "our route one day a week",
        "we want to route two of them",
        "the route nine times out of ten",
        "on the route sixty miles long",
        // "route" the verb, numbers in pairs
        "the system calls route one by one",
        "calls route one to the front desk",
        "we handle them one by one",
        "a two by four",
        // "the" before a road word with no cue; a junction with no road named
        "we get stuck on the highway two hours a day",
        "the highway one day a week",
        "the exit ten minutes away is shut",
        "junction two is shut again",
        // the pronoun I
        "I ninety percent agree",
        "so I twenty minutes later called",
        // the country
        "in the u s one is enough",
        // numbers alone
        "about twenty four seven",
        "take one oh one",
      })
  void keepsEverydayLettersAndNumbers(String said) {
    assertThat(clean(said)).isEqualTo(said);
    assertThat(corrections).isEmpty();
  }
}
