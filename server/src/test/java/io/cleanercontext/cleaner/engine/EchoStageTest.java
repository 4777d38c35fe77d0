package io.cleanercontext.cleaner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EchoStageTest {

  private final EchoStage stage = new EchoStage();
  private final List<Correction> corrections = new ArrayList<>();

  @Test
  void removesAGluedTailThatRepeatsTheEndOfTheSentence() {
    assertThat(stage.apply("We advertise on Facebook.book", corrections))
        .isEqualTo("We advertise on Facebook.");
    assertThat(stage.apply("It was great value.lue. Then we left", corrections))
        .isEqualTo("It was great value. Then we left");
    assertThat(stage.apply("we send quotes by email.ail by email and then call", corrections))
        .isEqualTo("we send quotes by email. and then call");
    assertThat(corrections).extracting(Correction::reason).containsOnly("echo");
  }

  @Test
  void keepsDomainsAbbreviationsAndWholeWordRestarts() {
    assertThat(stage.apply("see example.com for details", corrections))
        .isEqualTo("see example.com for details");
    assertThat(stage.apply("mostly trades, e.g. plumbers", corrections))
        .isEqualTo("mostly trades, e.g. plumbers");
    assertThat(stage.apply("we do sales.Sales is hard", corrections))
        .isEqualTo("we do sales.Sales is hard");
    assertThat(corrections).isEmpty();
  }

  @Test
  void removesARepeatedPhrase() {
    assertThat(stage.apply("we need more leads. need more leads this year", corrections))
        .isEqualTo("we need more leads. this year");
    assertThat(stage.apply("the budget is tight the budget is tight", corrections))
        .isEqualTo("the budget is tight");
    // a whole clause emitted twice, longer than a boundary echo
    assertThat(
            stage.apply(
                "We get most of our calls in the morning we get most of our calls in the morning.",
                corrections))
        .isEqualTo("We get most of our calls in the morning.");
  }

  @Test
  void keepsASetPhraseSaidTwiceButNotARestart() {
    for (String s :
        List.of(
            "we go door to door to find them",
            "we fixed it step by step by the book",
            "it is as big as big business",
            "he calls a spade a spade")) {
      assertThat(stage.apply(s, corrections)).isEqualTo(s);
    }
    assertThat(stage.apply("we're going to going to call them", corrections))
        .isEqualTo("we're going to call them");
    assertThat(stage.apply("it was in the in the garage", corrections))
        .isEqualTo("it was in the garage");
  }

  @Test
  void keepsAWordJoinedToItselfAfterTheConjunction() {
    for (String s :
        List.of(
            "Nef ovens mainly, and more and more people want one",
            "it rang and over and over all night",
            "it just went on and on and on",
            "and again and again they ring back",
            "it gets worse and worse and worse")) {
      assertThat(stage.apply(s, corrections)).isEqualTo(s);
    }
    assertThat(corrections).isEmpty();
    // a restart on a determiner, a pronoun or a verb is still one
    assertThat(stage.apply("we sell kitchens and the and the worktops", corrections))
        .isEqualTo("we sell kitchens and the worktops");
    assertThat(stage.apply("we rang and they and they never answered", corrections))
        .isEqualTo("we rang and they never answered");
    assertThat(stage.apply("we tried and failed and failed again", corrections))
        .isEqualTo("we tried and failed again");
  }

  @Test
  void keepsDeliberateRepetitionAndNumbers() {
    assertThat(stage.apply("Thank you. Thank you.", corrections))
        .isEqualTo("Thank you. Thank you.");
    assertThat(stage.apply("I know, I know, it's late", corrections))
        .isEqualTo("I know, I know, it's late");
    assertThat(stage.apply("about 50 calls 50 calls a day", corrections))
        .isEqualTo("about 50 calls 50 calls a day");
    assertThat(corrections).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "She's in on Mondays. Mondays.|She's in on Mondays.",
        "we've done it for years. years.|we've done it for years.",
        "both our sites. sites now|both our sites. now",
        "It gets busy, a hundred a day.a day. Then it drops|It gets busy, a hundred a day. Then it drops",
        "until someone's spoken to them.to them|until someone's spoken to them.",
        "it got too expensive. pensive|it got too expensive.",
        "we miss calls.alls all the time|we miss calls. all the time",
        "we just started doing probate. probate as well|we just started doing probate. as well",
        // a two-letter word at the end of a sentence of several, echoed
        "and a hundred and fifty for the evening do. do.|and a hundred and fifty for the evening do.",
      })
  void removesEchoesAfterASentenceEndInEveryShape(String raw, String expected) {
    assertThat(stage.apply(raw, corrections)).isEqualTo(expected);
    assertThat(corrections).extracting(Correction::reason).containsOnly("echo");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "That's right. right now we use paper",
        "We sell leads. Leads are our business",
        "No. No.",
        "It was very, very busy",
        "I like it. it works",
        "we do sales. Sales is hard",
      })
  void keepsRealRepetitionAcrossASentenceEnd(String raw) {
    assertThat(stage.apply(raw, corrections)).isEqualTo(raw);
    assertThat(corrections).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // a clause emitted twice, in any case, with a stop or a comma between
        "We get about forty calls a day. We get about forty calls a day, and most go to voicemail."
            + "|We get about forty calls a day, and most go to voicemail.",
        "We use ServiceTitan for dispatch. We use ServiceTitan for dispatch and billing."
            + "|We use ServiceTitan for dispatch and billing.",
        "Most of them go to voicemail, most of them go to voicemail.|Most of them go to voicemail.",
        // the sentence goes on after the echo: its stop goes with it
        "Practice Manager for both sites. sites now.|Practice Manager for both sites now.",
        "We started doing probate. probate as well|We started doing probate as well",
        // a two-letter tail of the word glued mid-sentence
        "We run google adds.ds and it works|We run google adds and it works",
        "we run the ads.ds. Then we wait.|we run the ads. Then we wait.",
      })
  void removesClausesEmittedTwiceAndTailsGluedMidSentence(String raw, String expected) {
    assertThat(stage.apply(raw, corrections)).isEqualTo(expected);
    assertThat(corrections).extracting(Correction::reason).containsOnly("echo");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "It's a lot. It's a lot of work.",
        "I know, I know, it's late.",
        "So yeah. So yeah, we need help.",
        "Thank you so much. Thank you so much.",
        "The U.S. market is big.",
        "Email us at info.co and we reply.",
        "We did it.It worked.",
        // a two-letter word said alone twice, capitalised, or going on
        "Go. go.",
        "Who's next? Me. me.",
        "That's what we do. Do.",
        "That's what we do. do you?",
        "It is. is it?",
      })
  void keepsShortOrCourteousRepeatsAndDottedNames(String raw) {
    assertThat(stage.apply(raw, corrections)).isEqualTo(raw);
    assertThat(corrections).isEmpty();
  }

  @Test
  void keepsTheStopWhereANewSentenceMayStart() {
    // a whole-word glued echo: "around" starts the next sentence in the gold transcript
    assertThat(
            stage.apply("I don't look at analytics often.s often around 100 calls.", corrections))
        .isEqualTo("I don't look at analytics often. around 100 calls.");
    // a turn without capitals: "and" may start a sentence
    assertThat(stage.apply("we tried that. we tried that and it failed", corrections))
        .isEqualTo("we tried that. and it failed");
  }
}
